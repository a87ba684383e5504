package io.roster.tools.server;

import io.roster.common.config.HostPort;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.RegistryQuery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query API's parameters, checked before any session is asked: each bad one is an {@link InvalidInputException}
 * (400) naming it. Paging: {@code offset} 0.., {@code limit} 1..1,000 (default 100), and offset + limit at most what
 * one session returns ({@link RegistryQuery#MAX_LIMIT}).
 */
record QueryParams(Map<String, String> query, RegistryLimits limits) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The value of {@code name}, or "" when absent. */
    String optional(String name) {
        String v = query.get(name);
        return v == null ? "" : v.trim();
    }

    String required(String name, String example) {
        String v = optional(name);
        if (v.isEmpty()) {
            throw new InvalidInputException("query parameter " + name + " is required, e.g. " + example);
        }
        return v;
    }

    int limit() {
        return number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    int offset(int limit) {
        return number("offset", 0, 0, RegistryQuery.MAX_LIMIT - limit);
    }

    private int number(String name, int absent, int min, int max) {
        String v = optional(name);
        if (v.isEmpty()) {
            return absent;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("query parameter " + name + " must be a number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new InvalidInputException("query parameter " + name + " must be in " + min + ".." + max + ", not " + n);
        }
        return n;
    }

    /** A dataId (no separator in it), checked as registrations check theirs. */
    String dataId() {
        String v = required("dataId", "/api/publishers?dataId=com.example.EchoService");
        check("dataId", v);
        return v;
    }

    String group() {
        String v = optional("group");
        if (!v.isEmpty()) {
            check("group", v);
        }
        return v;
    }

    private void check(String name, String value) {
        try {
            DataInfoId.of(name.equals("group") ? "x" : value, DataInfoId.DEFAULT_INSTANCE_ID,
                    name.equals("group") ? value : DataInfoId.DEFAULT_GROUP, limits);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("query parameter " + name + ": " + e.getMessage());
        }
    }

    /** An IPv4 or IPv6 literal (no host name, no port), or "" when absent. */
    String ip() {
        String v = optional("ip");
        if (v.isEmpty() || IPV4.matcher(v).matches()) {
            return v;
        }
        if (v.contains(":") && IPV6_CHARS.matcher(v).matches()) {
            try {
                // A literal (only hex digits, ':' and '.'): no name lookup. Its canonical form is how sessions show it.
                return InetAddress.getByName(v).getHostAddress();
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw new InvalidInputException("query parameter ip must be an IPv4 or IPv6 address, not '" + v + "'");
    }

    /** An application name, or "" when absent. */
    String app() {
        String v = optional("app");
        if (!v.isEmpty()) {
            try {
                limits.checkAppName(v);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("query parameter app: " + e.getMessage());
            }
        }
        return v;
    }

    /** A session HOST:PORT, or "" when absent. */
    String session() {
        String v = optional("session");
        if (!v.isEmpty()) {
            try {
                HostPort.parse(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("query parameter session must be HOST:PORT: " + e.getMessage());
            }
        }
        return v;
    }
}
