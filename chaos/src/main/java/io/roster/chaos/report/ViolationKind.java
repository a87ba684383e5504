package io.roster.chaos.report;

/** What a violation broke. */
public enum ViolationKind {
    /** A push at or after steady lacked the item of a pinned publisher of its dataId. */
    PARTIAL_PUSH,
    /** A push to a subscriber carried a lower version than an earlier push to it. */
    REGRESSION,
    /** A push carried an item whose publisher had been gone for longer than the ghost bound. */
    GHOST,
    /** A push carried an item that was never published under its dataId: another dataId's, or made up. */
    UNKNOWN_ITEM,
    /** A change was not seen by every live subscriber within the convergence bound, or not by the end. */
    NOT_CONVERGED,
    /**
     * One list (a converted list, or a {@code subscribeInterface} listener call) held an address both ways: an
     * interface-level item and an application-level (converted) item at the same address. Dual publishing is
     * listed once (APP-DESIGN flows 5e and 6).
     */
    DUPLICATE_ADDRESS
}
