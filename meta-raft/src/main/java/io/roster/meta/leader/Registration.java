package io.roster.meta.leader;

import io.roster.meta.image.MetaImage;

/**
 * The outcome of a revision registration on the leader's writer.
 *
 * @param image   the image the revision is live in
 * @param written whether this call wrote it; false when it was live already (the caller then still has to confirm
 *                its leadership before answering from this image)
 * @param refused true when it was not live and meta already holds {@code meta.max-revisions} revisions
 */
public record Registration(MetaImage image, boolean written, boolean refused) {
    public Registration(MetaImage image, boolean written) {
        this(image, written, false);
    }

    static Registration refusedBy(MetaImage image) {
        return new Registration(image, false, true);
    }
}
