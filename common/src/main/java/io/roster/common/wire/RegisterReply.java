package io.roster.common.wire;


/** Session to client: the outcome of a registration call. */
public final class RegisterReply extends Reply {

    public RegisterReply(ErrorCode code, String message) {
        super(code, message);
    }

}
