package io.roster.common.app;

import java.nio.charset.StandardCharsets;

/**
 * The address in an interface-level data item, by which an instance published both ways (dual publishing during a
 * migration) is recognised and shown once: the item without a leading {@code scheme://}, up to the first {@code /},
 * {@code ?}, {@code #} or white space. {@code 10.0.0.1:12200}, {@code 10.0.0.1:12200?timeout=3000} and
 * {@code dubbo://10.0.0.1:12200/com.example.Echo?v=1} all have the address {@code 10.0.0.1:12200}.
 */
public final class ServiceAddress {
    private ServiceAddress() {
    }

    public static String of(String item) {
        if (item == null) {
            return "";
        }
        int from = item.indexOf("://");
        from = from < 0 ? 0 : from + 3;
        int to = from;
        while (to < item.length()) {
            char c = item.charAt(to);
            if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c)) {
                break;
            }
            to++;
        }
        return item.substring(from, to);
    }

    public static String of(byte[] item) {
        return item == null ? "" : of(new String(item, StandardCharsets.UTF_8));
    }
}
