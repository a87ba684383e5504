package io.roster.common.wire;


/**
 * Client to session: a push was received (and handed to the listeners). {@link #wantsFullList()}: a delta push
 * whose base the client does not hold was refused; the session sends the full list instead.
 */
public final class PushAck extends Reply {
    /** Appended: false in acks of SDKs that know no deltas. */
    private final boolean wantsFullList;

    public PushAck(ErrorCode code, String message) {
        this(code, message, false);
    }

    private PushAck(ErrorCode code, String message, boolean wantsFullList) {
        super(code, message);
        this.wantsFullList = wantsFullList;
    }

    /** The refusal of a delta push based on a version the client does not hold ({@code why} says what it holds). */
    public static PushAck wantsFullList(String why) {
        return new PushAck(ErrorCode.INVALID_REQUEST, why, true);
    }

    public boolean wantsFullList() {
        return wantsFullList;
    }
}
