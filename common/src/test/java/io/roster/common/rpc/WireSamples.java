package io.roster.common.rpc;

import io.protostuff.runtime.RuntimeSchema;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instance of a wire (or stored) class with every field set, nested messages and collections of one element
 * included: its encoding is a seed that already walks every field's decoder, so fuzzing starts from valid shapes.
 */
final class WireSamples {
    private static final int MAX_DEPTH = 4;

    private WireSamples() {
    }

    static byte[] encodedSample(Class<?> type) {
        return Protostuff.encode(sample(type, 0));
    }

    static <T> T sample(Class<T> type, int depth) {
        T message = RuntimeSchema.getSchema(type).newMessage();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                Object value = value(f.getGenericType(), f.getName(), depth);
                if (value != null) {
                    try {
                        f.setAccessible(true);
                        f.set(message, value);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // a field the JVM will not let us set (none today): the sample leaves it at its default
                    }
                }
            }
        }
        return message;
    }

    private static Object value(Type type, String name, int depth) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                Map<Object, Object> map = new LinkedHashMap<>();
                Object k = value(args[0], name, depth + 1), v = value(args[1], name, depth + 1);
                if (k != null && v != null) {
                    map.put(k, v);
                }
                return map;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
                Object element = value(args[0], name, depth + 1);
                if (element != null) {
                    out.add(element);
                }
                return out instanceof Set<?> ? out : List.copyOf(out);
            }
            return null;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return name.toLowerCase().contains("datainfoid") ? "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"
                    : name.toLowerCase().contains("address") ? "127.0.0.1:9600" : name;
        }
        if (c == long.class || c == Long.class) {
            return 7L;
        }
        if (c == int.class || c == Integer.class) {
            return 3;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == byte[].class) {
            return new byte[]{1, 2, 3};
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (c.getName().startsWith("io.roster.") && depth < MAX_DEPTH && !c.isInterface()) {
            return sample(c, depth + 1);
        }
        return null;
    }
}
