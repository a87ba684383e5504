package io.roster.tools.server;

import io.roster.common.model.DataInfoId;
import io.roster.common.wire.ConnectionItem;
import io.roster.common.wire.RegistrationItem;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.common.wire.ServiceItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query API's merge of the sessions' answers into one page (pure): services summed by dataInfoId; publishers,
 * subscribers and registrations sorted by dataInfoId, then session, then registerId; connections by session, then
 * client address. Each session returned its first offset + limit items in that order, so the page is exact.
 */
final class QueryMerge {
    private static final Comparator<Map<String, Object>> REGISTRATION_ORDER = Comparator
            .comparing((Map<String, Object> m) -> (String) m.get("dataInfoId"))
            .thenComparing(m -> (String) m.get("session"))
            .thenComparing(m -> (String) m.get("registerId"))
            .thenComparing(m -> String.valueOf(m.get("kind")));
    private static final Comparator<Map<String, Object>> CONNECTION_ORDER = Comparator
            .comparing((Map<String, Object> m) -> (String) m.get("session"))
            .thenComparing(m -> (String) m.get("clientAddress"))
            .thenComparing(m -> (String) m.get("clientId"));

    private QueryMerge() {
    }

    /**
     * The page {@code [offset, offset + limit)} of the merged answers of kind {@code kind}, with the total and the
     * sessions that did not answer.
     */
    static Map<String, Object> page(String kind, List<RegistryQueryReply> answers, List<String> missingSessions,
                                    int offset, int limit) {
        List<Map<String, Object>> items;
        long total;
        boolean truncated = answers.stream().anyMatch(RegistryQueryReply::truncated);
        if (kind.equals(RegistryQuery.SERVICES)) {
            items = services(answers);
            total = items.size(); // a dataInfoId held by several sessions counts once
        } else {
            items = new ArrayList<>();
            for (RegistryQueryReply a : answers) {
                for (RegistrationItem r : a.registrations()) {
                    items.add(registration(kind, r, a.session()));
                }
                for (ConnectionItem c : a.connections()) {
                    items.add(connection(c, a.session()));
                }
            }
            items.sort(kind.equals(RegistryQuery.CONNECTIONS) ? CONNECTION_ORDER : REGISTRATION_ORDER);
            total = answers.stream().mapToLong(RegistryQueryReply::matched).sum();
            truncated = false; // each session counted all its matches
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("items", items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size())));
        out.put("missingSessions", List.copyOf(missingSessions));
        if (truncated) {
            out.put("truncated", true); // some session holds more than it returns: total is a lower bound
        }
        return out;
    }

    private static List<Map<String, Object>> services(List<RegistryQueryReply> answers) {
        Map<String, int[]> sums = new TreeMap<>();
        for (RegistryQueryReply a : answers) {
            for (ServiceItem s : a.services()) {
                int[] sum = sums.computeIfAbsent(s.dataInfoId(), k -> new int[2]);
                sum[0] += s.publishers();
                sum[1] += s.subscribers();
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        sums.forEach((dataInfoId, sum) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataInfoId", dataInfoId);
            m.put("dataId", part(dataInfoId, true));
            m.put("group", part(dataInfoId, false));
            m.put("publishers", sum[0]);
            m.put("subscribers", sum[1]);
            items.add(m);
        });
        return items;
    }

    /** The dataId (before the first separator) or the group (after the last) of a canonical dataInfoId. */
    private static String part(String dataInfoId, boolean dataId) {
        int at = dataId ? dataInfoId.indexOf(DataInfoId.SEPARATOR) : dataInfoId.lastIndexOf(DataInfoId.SEPARATOR);
        if (at < 0) {
            return dataId ? dataInfoId : "";
        }
        return dataId ? dataInfoId.substring(0, at) : dataInfoId.substring(at + DataInfoId.SEPARATOR.length());
    }

    /** A publisher or subscriber; with its kind only in a registrations answer, which mixes both. */
    private static Map<String, Object> registration(String kind, RegistrationItem r, String session) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (kind.equals(RegistryQuery.REGISTRATIONS)) {
            m.put("kind", r.kind());
        }
        m.put("registerId", r.registerId());
        m.put("dataInfoId", r.dataInfoId());
        m.put("clientId", r.clientId());
        m.put("clientAddress", r.clientAddress());
        m.put("app", r.app());
        m.put("session", session);
        m.put("connectedAt", isoTime(r.connectedAtMillis()));
        if (r.isPublisher()) {
            m.put("version", r.version());
            m.put("dataItems", r.dataItems());
            m.put("off", r.off());
        } else {
            m.put("pushedVersion", r.pushedVersion());
        }
        return m;
    }

    private static Map<String, Object> connection(ConnectionItem c, String session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", c.clientId());
        m.put("clientAddress", c.clientAddress());
        m.put("app", c.app());
        m.put("session", session);
        m.put("connectedAt", isoTime(c.connectedAtMillis()));
        m.put("publishers", c.publishers());
        m.put("subscribers", c.subscribers());
        return m;
    }

    /** ISO-8601 in UTC, e.g. 2026-12-05T14:03:37.123Z. */
    static String isoTime(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
