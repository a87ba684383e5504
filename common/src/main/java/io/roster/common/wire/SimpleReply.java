package io.roster.common.wire;


/** A reply that carries only its outcome. */
public final class SimpleReply extends Reply {

    public SimpleReply(ErrorCode code, String message) {
        super(code, message);
    }

}
