package io.roster.chaos.check;

import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slice of history attached to a violation: the events of its dataId, plus every fault, connect and run
 * marker (steady, quiesce, end), since those are what explain a dataId's trouble.
 */
final class Evidence {
    private final List<Event> events;
    private final Map<String, String> dataIdOfSub = new HashMap<>();
    private final Map<String, Set<String>> clientsOfDataId = new HashMap<>();
    private final CheckerOptions options;

    Evidence(History history, CheckerOptions options) {
        this.events = history.events();
        this.options = options;
        for (Event e : events) {
            if (e instanceof Event.Subscribe s) {
                dataIdOfSub.put(s.sub(), s.dataId());
                clientOf(s.dataId()).add(s.client());
            } else if (e instanceof Event.Publish p) {
                clientOf(p.dataId()).add(p.client());
            } else if (e instanceof Event.PublishFailed p) {
                clientOf(p.dataId()).add(p.client());
            }
        }
    }

    private Set<String> clientOf(String dataId) {
        return clientsOfDataId.computeIfAbsent(dataId, k -> new HashSet<>());
    }

    /** The configured window around {@code t}. */
    List<Event> around(String dataId, long t) {
        return between(dataId, t - options.historyBeforeMs(), t + options.historyAfterMs());
    }

    /** Both ends inclusive. */
    List<Event> between(String dataId, long from, long to) {
        List<Event> out = new ArrayList<>();
        for (int i = firstAtOrAfter(from); i < events.size() && events.get(i).t() <= to; i++) {
            Event e = events.get(i);
            if (concerns(e, dataId)) {
                out.add(e);
            }
        }
        return out;
    }

    private int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).t() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean concerns(Event e, String dataId) {
        if (e instanceof Event.Publish p) {
            return p.dataId().equals(dataId);
        } else if (e instanceof Event.PublishFailed p) {
            return p.dataId().equals(dataId);
        } else if (e instanceof Event.Unpublish u) {
            return u.dataId().equals(dataId);
        } else if (e instanceof Event.UnpublishFailed u) {
            return u.dataId().equals(dataId);
        } else if (e instanceof Event.Subscribe s) {
            return s.dataId().equals(dataId);
        } else if (e instanceof Event.Unsubscribe u) {
            return dataId.equals(dataIdOfSub.get(u.sub()));
        } else if (e instanceof Event.Push p) {
            return p.dataId().equals(dataId);
        } else if (e instanceof Event.Close c) {
            return clientsOfDataId.getOrDefault(dataId, Set.of()).contains(c.client());
        } else if (e instanceof AppEvent.Publish p) {
            return servedBy(p.instance(), dataId);
        } else if (e instanceof AppEvent.PublishFailed p) {
            return servedBy(p.instance(), dataId);
        } else if (e instanceof AppEvent.Unpublish u) {
            return clientsOfDataId.getOrDefault(dataId, Set.of()).contains(u.client());
        } else if (e instanceof AppEvent.UnpublishFailed u) {
            return clientsOfDataId.getOrDefault(dataId, Set.of()).contains(u.client());
        }
        return true; // connected, fault, steady, quiesce, end
    }

    /** An application call concerns the interfaces its instance serves, as old and as new subscribers see them. */
    private static boolean servedBy(AppEvent.Instance instance, String dataId) {
        return instance.provides(dataId) || dataId.startsWith(ConvertedLists.VIEW_PREFIX)
                && instance.provides(dataId.substring(ConvertedLists.VIEW_PREFIX.length()));
    }
}
