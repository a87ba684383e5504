package io.roster.meta.state;

/**
 * One change to the meta state, as written to the Raft log. Applying is pure and deterministic: the same records
 * applied to the same state give the same state on every meta node, now and when the log is replayed.
 */
public interface MetaRecord {
    MetaState applyTo(MetaState state);

    /**
     * Called on every decoded record before it is applied: throws {@link IllegalArgumentException} when the record
     * cannot be applied by this version (e.g. it names something unknown), so the entry fails like an unknown tag.
     */
    default void check() {
    }
}
