package io.roster.meta.state;

/**
 * One change to the meta state, as written to the Raft log. Applying is pure and deterministic: the same records
 * applied to the same state give the same state on every meta node, now and when the log is replayed.
 */
public interface MetaRecord {
    MetaState applyTo(MetaState state);
}
