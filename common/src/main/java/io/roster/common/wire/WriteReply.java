package io.roster.common.wire;


/** Data node to session: the outcome of a write; version is the datum version after it (0 for client-off). */
public final class WriteReply extends Reply {
    private final long version;

    public WriteReply(ErrorCode code, String message, long version) {
        super(code, message);
        this.version = version;
    }

    public long version() {
        return version;
    }
}
