package io.roster.chaos.check;

/**
 * An item that may be shown under {@code dataId} from {@code from} on, although no call published it there: what a
 * failed call may have done beyond its own items (see {@link ConvertedLists}). The doubt lasts until the call that
 * settles it ({@code settledAt}, {@link ItemSpan#NEVER} if none came) plus the ghost bound, since lists may still
 * show it that long after any withdrawal.
 */
record ItemDoubt(String dataId, String item, long from, long settledAt) {
}
