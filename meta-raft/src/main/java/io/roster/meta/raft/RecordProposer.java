package io.roster.meta.raft;

import io.roster.meta.image.MetaImage;
import io.roster.meta.state.MetaRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Writes records to the meta log as one entry. */
public interface RecordProposer {
    /**
     * Proposes {@code records} as one log entry, accepted only while this node leads in {@code term}.
     *
     * @return completes with the image right after the entry was applied here, or fails with
     *         {@link ProposalFailedException} (not leader, term changed, shutting down)
     */
    CompletableFuture<MetaImage> propose(long term, List<MetaRecord> records);
}
