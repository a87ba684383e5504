package io.roster.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the UTF-8 strings most applications publish and the bytes on the wire. */
public final class Data {
    private Data() {
    }

    /** Each item decoded as UTF-8, in order. */
    public static List<String> asStrings(List<byte[]> data) {
        List<String> out = new ArrayList<>(data.size());
        for (byte[] item : data) {
            out.add(new String(item, StandardCharsets.UTF_8));
        }
        return List.copyOf(out);
    }

    /** Each string encoded as UTF-8, in order. A null string is rejected later as a null data item. */
    public static List<byte[]> utf8(String... items) {
        if (items == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(items.length);
        for (String item : items) {
            out.add(item == null ? null : item.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
