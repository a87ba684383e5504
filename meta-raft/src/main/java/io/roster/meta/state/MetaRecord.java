package io.roster.meta.state;

/**
 * One change to the meta state, as written to the Raft log (tagged by {@link RecordType}, encoded by
 * {@link RecordCodec}). What a record does to the state is {@code io.roster.meta.image.MetaDelta}'s replay rule.
 */
public interface MetaRecord {
    /**
     * Called on every decoded record before it is applied: throws {@link IllegalArgumentException} when the record
     * cannot be applied by this version (e.g. it names something unknown), so the entry fails like an unknown tag.
     */
    default void check() {
    }
}
