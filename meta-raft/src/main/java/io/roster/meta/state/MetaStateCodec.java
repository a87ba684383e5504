package io.roster.meta.state;

import io.roster.common.rpc.Protostuff;

/** The snapshot encoding of a whole {@link MetaState} (protostuff). */
public final class MetaStateCodec {
    private MetaStateCodec() {
    }

    public static byte[] encode(MetaState state) {
        return Protostuff.encode(state);
    }

    /** Decodes a state; a malformed input raises {@link IllegalArgumentException}. */
    public static MetaState decode(byte[] bytes) {
        return Protostuff.decode(bytes, MetaState.class).normalized();
    }
}
