package io.roster.chaos.check;

/**
 * An item that may be shown under {@code dataId} from {@code from} on, although no call published it there: what a
 * failed call may have done beyond its own items, or the form of a dual-published address a list may show while
 * both forms are live (see {@link ConvertedLists}). The doubt lasts until the event that settles it
 * ({@code settledAt}, {@link ItemSpan#NEVER} if none came) plus the ghost bound, since lists may still show it that
 * long after any withdrawal; listed later, it is a ghost of {@code pub}.
 *
 * @param settledBy what settled it, for violation details; null while unsettled
 */
record ItemDoubt(String dataId, String item, String pub, long from, long settledAt, String settledBy) {

    /** The doubt as the span in which the item may be listed, which the ghost check measures a late listing by. */
    ItemSpan asSpan() {
        return new ItemSpan(item, pub, null, dataId, false, from, settledAt, settledBy, settledAt);
    }
}
