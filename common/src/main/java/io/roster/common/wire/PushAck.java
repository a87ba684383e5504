package io.roster.common.wire;


/** Client to session: a push was received (and handed to the listeners). */
public final class PushAck extends Reply {

    public PushAck(ErrorCode code, String message) {
        super(code, message);
    }

}
