package io.roster.tools.cli.meta;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON a membership change prints: what was done, and the group as it answered afterwards (null if it did not). */
final class ChangeReport {
    private ChangeReport() {
    }

    static Map<String, Object> json(String action, Object argument, Membership after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put(argumentKey(action), argument);
        m.put("leader", after == null ? null : after.leader());
        m.put("peers", after == null ? null : after.peers());
        return m;
    }

    private static String argumentKey(String action) {
        return "change-peers".equals(action) ? "requested" : "peer";
    }
}
