package io.roster.common.wire;

import io.roster.common.model.*;

/** Data node to session: a datum, or why it cannot be read now. */
public final class DatumReply extends Reply {
    private final Datum datum;

    public DatumReply(ErrorCode code, String message, Datum datum) {
        super(code, message);
        this.datum = datum;
    }

    public Datum datum() {
        return datum;
    }
}
