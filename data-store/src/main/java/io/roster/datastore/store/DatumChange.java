package io.roster.datastore.store;

/** A datum that a write changed, the slot it is in, and its version after the write: what a change notice carries. */
public record DatumChange(int slot, String dataInfoId, long version) {
}
