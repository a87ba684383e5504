package io.roster.common.rpc;

import io.protostuff.ByteBufferInput;
import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffIOUtil;
import io.protostuff.Schema;
import io.protostuff.runtime.RuntimeSchema;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one encoding of Roster's wire messages and stored records: protostuff runtime schemas. Field order sets
 * the tags, so classes that cross the wire or reach disk may only append fields.
 */
public final class Protostuff {
    private static final ThreadLocal<LinkedBuffer> BUFFER = ThreadLocal.withInitial(() -> LinkedBuffer.allocate(4096));

    private Protostuff() {
    }

    @SuppressWarnings("unchecked")
    public static byte[] encode(Object message) {
        Schema<Object> schema = (Schema<Object>) RuntimeSchema.getSchema(message.getClass());
        LinkedBuffer buffer = BUFFER.get();
        try {
            return ProtostuffIOUtil.toByteArray(message, schema, buffer);
        } finally {
            buffer.clear();
        }
    }

    /**
     * Decodes {@code bytes} as a {@code type}; a malformed input raises {@link IllegalArgumentException}.
     *
     * <p>Read through {@link ByteBufferInput}, not {@code ProtostuffIOUtil.mergeFrom(byte[])}: the latter's
     * ByteArrayInput checks a length prefix as {@code offset + size > limit}, which overflows for sizes near 2^31,
     * so a few bytes announcing a 2 GiB bytes or string field made it allocate 2 GiB before failing (found by
     * WireDecodeFuzzTest). ByteBufferInput compares the size with the bytes remaining, before allocating.
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        Schema<T> schema = RuntimeSchema.getSchema(type);
        T message = schema.newMessage();
        try {
            ByteBufferInput input = new ByteBufferInput(ByteBuffer.wrap(bytes), true); // true: protostuff's own format
            schema.mergeFrom(input, message);
            input.checkLastTagWas(0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        return message;
    }
}
