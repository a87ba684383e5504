package io.roster.common.rpc;

import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffIOUtil;
import io.protostuff.Schema;
import io.protostuff.runtime.RuntimeSchema;

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

    /** Decodes {@code bytes} as a {@code type}; a malformed input raises {@link IllegalArgumentException}. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        Schema<T> schema = RuntimeSchema.getSchema(type);
        T message = schema.newMessage();
        try {
            ProtostuffIOUtil.mergeFrom(bytes, message, schema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        return message;
    }
}
