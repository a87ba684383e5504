package io.roster.meta.image;

/**
 * Told of every image this meta node applies (each log entry, each loaded snapshot), in order, on jraft's
 * state-machine thread: it must be quick and must not block.
 */
@FunctionalInterface
public interface MetaListener {
    /**
     * @param delta what changed from the previous image
     * @param image the image now in force
     */
    void applied(MetaDelta delta, MetaImage image);
}
