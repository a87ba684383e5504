package io.roster.common.lever;

import io.roster.common.model.InvalidInputException;

import java.util.regex.Pattern;

/**
 * Checks and normalizes lever values: IPv4/IPv6 literals only (a host name would need a lookup, and a lever must mean
 * the same on every session), with an optional port for client-off, and dataId glob patterns.
 */
public final class LeverValues {
    /** Entries allowed in one lever's list. */
    public static final int MAX_ENTRIES = 1_000;
    public static final int MAX_PATTERN_LENGTH = 256;

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:/$@#*-]+");

    private LeverValues() {
    }

    /**
     * An IP literal, or with {@code portAllowed} also {@code IP:PORT} (IPv6 with a port as {@code [IP]:PORT}).
     * Returned in normal form: IPv6 lower-cased and compressed as Java prints it.
     */
    public static String address(String value, boolean portAllowed) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("a lever needs a value (an IP address" + (portAllowed ? " or IP:PORT)" : ")"));
        }
        String v = value.trim();
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0 || (close + 1 < v.length() && v.charAt(close + 1) != ':')) {
                throw bad(v, portAllowed);
            }
            host = v.substring(1, close);
            port = close + 1 < v.length() ? v.substring(close + 2) : null;
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            host = v.substring(0, v.indexOf(':'));
            port = v.substring(v.indexOf(':') + 1);
        }
        String ip = ip(host);
        if (ip == null) {
            throw bad(v, portAllowed);
        }
        if (port == null) {
            return ip;
        }
        if (!portAllowed) {
            throw new InvalidInputException("'" + v + "' has a port; this lever takes an IP address only");
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw new InvalidInputException("'" + v + "' has port '" + port + "'; a port is 1-65535");
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + Integer.parseInt(port);
    }

    /** The normal form of an IP literal, or null when {@code host} is none (host names are not taken). */
    public static String ip(String host) {
        if (host == null) {
            return null;
        }
        if (IPV4.matcher(host).matches()) {
            return host;
        }
        if (host.indexOf(':') < 0 || !IPV6.matcher(host).matches()) {
            return null;
        }
        try {
            // A literal with only hex digits, colons and dots never triggers a name lookup.
            return java.net.InetAddress.getByName(host).getHostAddress().toLowerCase();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    public static String pattern(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_PATTERN_LENGTH || !PATTERN.matcher(value).matches()) {
            throw new InvalidInputException("'" + value + "' is not a dataId pattern: 1-" + MAX_PATTERN_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : / $ @ # * - (* matches any run of characters)");
        }
        return value;
    }

    /** Whether the glob {@code pattern} ({@code *} = any run of characters) matches all of {@code dataId}. */
    public static boolean matches(String pattern, String dataId) {
        int p = 0;
        int d = 0;
        int star = -1;
        int mark = 0;
        while (d < dataId.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == dataId.charAt(d)) {
                p++;
                d++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = d;
            } else if (star >= 0) {
                p = star + 1;
                d = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static InvalidInputException bad(String v, boolean portAllowed) {
        return new InvalidInputException("'" + v + "' is not an IP address" + (portAllowed ? " or IP:PORT" : "")
                + " (IPv4 or IPv6 literals only, no host names)");
    }
}
