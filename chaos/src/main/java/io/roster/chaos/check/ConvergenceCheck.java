package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NOT_CONVERGED, and the convergence figures. After each change to a dataId (a publish, republish, unpublish, a
 * close taking publishers with it, a new subscriber), the dataId has converged at the first of its event times at
 * which every live subscriber's last push holds exactly the expected items. Items in doubt (see
 * {@link Uncertainty}) and pinned items under an excuse (see {@link Excuses}) count on neither side. Changes that
 * pile up before a convergence all converge with it, each timed from its own t: that is how long its subscribers
 * waited to see it.
 */
final class ConvergenceCheck {
    record Result(List<Long> timesMs, int unwatched, List<Violation> violations) {
    }

    private record Change(long t, String what) {
    }

    /** A subscriber's last push, with its items as a set: it is compared many times. */
    private record Received(Event.Push push, Set<String> items) {
    }

    /** Why a dataId had not converged at some moment. */
    private record Mismatch(long at, String sub, String detail) {
    }

    /** One dataId as its subscribers should see it, and as they last did. */
    private static final class DataState {
        final String dataId;
        final Map<String, String> itemOfPub = new LinkedHashMap<>();
        /** Live subscribers; the value is null until the first push. */
        final Map<String, Received> lastPush = new LinkedHashMap<>();
        final List<Change> pending = new ArrayList<>();
        /** What was wrong at the deadline of each of the first pending changes, in their order. */
        final List<Mismatch> atDeadline = new ArrayList<>();

        DataState(String dataId) {
            this.dataId = dataId;
        }
    }

    private final RunIndex run;
    private final long bound;
    private final Map<String, DataState> states = new LinkedHashMap<>();
    private final Set<DataState> unconverged = new LinkedHashSet<>();
    private final Map<String, String> dataIdOfPub = new HashMap<>();
    private final Map<String, String> dataIdOfSub = new HashMap<>();
    private final Map<String, Set<String>> pubsOfClient = new HashMap<>();
    private final Map<String, Set<String>> subsOfClient = new HashMap<>();
    private final List<Long> times = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private int unwatched;

    private ConvergenceCheck(RunIndex run) {
        this.run = run;
        this.bound = run.options().convergenceBoundMs();
    }

    static Result run(RunIndex run) {
        return new ConvergenceCheck(run).check();
    }

    private Result check() {
        List<Event> events = run.history().events();
        long lastT = Long.MIN_VALUE;
        int i = 0;
        while (i < events.size()) {
            long t = events.get(i).t();
            takeDeadlineMismatches(t);
            Set<DataState> touched = new LinkedHashSet<>();
            // All events of one millisecond land before judging it: their order within it is the recorder's.
            for (; i < events.size() && events.get(i).t() == t; i++) {
                apply(events.get(i), touched);
            }
            for (DataState s : touched) {
                if (!s.pending.isEmpty() && converged(s, t)) {
                    resolve(s, t);
                }
            }
            lastT = t;
        }
        long end = Math.max(run.history().endAt(), lastT);
        for (DataState s : unconverged) {
            Mismatch atEnd = mismatch(s, end);
            for (Change c : s.pending) {
                long waited = end - c.t();
                String detail = c.what() + " at t=" + c.t() + " on " + s.dataId + " did not converge by the end at t="
                        + end + " (waited " + waited + " ms, bound " + bound + " ms); " + describe(atEnd);
                violations.add(new Violation(ViolationKind.NOT_CONVERGED, s.dataId, sub(atEnd), c.t(), detail,
                        evidence(s.dataId, c.t(), Math.min(waited, bound))));
            }
        }
        return new Result(times, unwatched, violations);
    }

    /** Before time moves past a pending change's deadline, remembers what was still wrong at it. */
    private void takeDeadlineMismatches(long now) {
        for (DataState s : unconverged) {
            while (s.atDeadline.size() < s.pending.size()) {
                long deadline = s.pending.get(s.atDeadline.size()).t() + bound;
                if (deadline >= now) {
                    break;
                }
                s.atDeadline.add(mismatch(s, deadline));
            }
        }
    }

    private void resolve(DataState s, long t) {
        boolean watched = !s.lastPush.isEmpty();
        for (int k = 0; k < s.pending.size(); k++) {
            Change c = s.pending.get(k);
            long waited = t - c.t();
            if (watched) {
                times.add(waited);
            } else {
                unwatched++;
            }
            if (waited > bound) {
                Mismatch late = k < s.atDeadline.size() ? s.atDeadline.get(k) : null;
                String detail = c.what() + " at t=" + c.t() + " on " + s.dataId + " converged only after " + waited
                        + " ms at t=" + t + " (bound " + bound + " ms); " + describe(late);
                violations.add(new Violation(ViolationKind.NOT_CONVERGED, s.dataId, sub(late), c.t(), detail,
                        evidence(s.dataId, c.t(), bound)));
            }
        }
        s.pending.clear();
        s.atDeadline.clear();
        unconverged.remove(s);
    }

    private List<Event> evidence(String dataId, long t, long waitedUpTo) {
        return run.evidence().between(dataId, t - run.options().historyBeforeMs(),
                t + waitedUpTo + run.options().historyAfterMs());
    }

    private void apply(Event e, Set<DataState> touched) {
        if (e instanceof Event.Publish p) {
            DataState s = state(p.dataId(), touched);
            String was = s.itemOfPub.put(p.pub(), p.item());
            dataIdOfPub.put(p.pub(), p.dataId());
            pubsOfClient.computeIfAbsent(p.client(), k -> new LinkedHashSet<>()).add(p.pub());
            change(s, was == null ? "publish of pub " + p.pub() + " item " + Text.quote(p.item())
                    : "republish of pub " + p.pub() + " item " + Text.quote(p.item()) + " (was " + Text.quote(was)
                    + ")", p.t());
        } else if (e instanceof Event.PublishFailed f) {
            state(f.dataId(), touched); // nothing certain changed, but the doubt it casts may let the dataId converge
        } else if (e instanceof Event.UnpublishFailed f) {
            state(f.dataId(), touched);
        } else if (e instanceof Event.Unpublish u) {
            DataState s = state(u.dataId(), touched);
            String was = s.itemOfPub.remove(u.pub());
            if (was != null) {
                change(s, "unpublish of pub " + u.pub() + " (item " + Text.quote(was) + ")", u.t());
            }
        } else if (e instanceof Event.Subscribe sub) {
            DataState s = state(sub.dataId(), touched);
            s.lastPush.put(sub.sub(), null);
            dataIdOfSub.put(sub.sub(), sub.dataId());
            subsOfClient.computeIfAbsent(sub.client(), k -> new LinkedHashSet<>()).add(sub.sub());
            change(s, "subscribe of sub " + sub.sub(), sub.t());
        } else if (e instanceof Event.Unsubscribe u) {
            stopSub(u.sub(), touched);
        } else if (e instanceof Event.Close c) {
            close(c, touched);
        } else if (e instanceof Event.Push push) {
            DataState s = state(push.dataId(), touched);
            if (s.lastPush.containsKey(push.sub())) {
                s.lastPush.put(push.sub(), new Received(push, Set.copyOf(push.items())));
            }
        }
    }

    private void close(Event.Close c, Set<DataState> touched) {
        Map<DataState, List<String>> gone = new LinkedHashMap<>();
        for (String pub : pubsOfClient.getOrDefault(c.client(), Set.of())) {
            DataState s = states.get(dataIdOfPub.get(pub));
            if (s.itemOfPub.remove(pub) != null) {
                gone.computeIfAbsent(s, k -> new ArrayList<>()).add(pub);
            }
        }
        gone.forEach((s, pubs) -> {
            touched.add(s);
            change(s, "close of client " + c.client() + " (pubs " + String.join(", ", pubs) + ")", c.t());
        });
        pubsOfClient.remove(c.client());
        for (String sub : subsOfClient.getOrDefault(c.client(), Set.of())) {
            stopSub(sub, touched);
        }
        subsOfClient.remove(c.client());
    }

    private void stopSub(String sub, Set<DataState> touched) {
        String dataId = dataIdOfSub.get(sub);
        if (dataId != null) {
            // Fewer subscribers to wait for: this alone may converge the dataId.
            state(dataId, touched).lastPush.remove(sub);
        }
    }

    private DataState state(String dataId, Set<DataState> touched) {
        DataState s = states.computeIfAbsent(dataId, DataState::new);
        touched.add(s);
        return s;
    }

    private void change(DataState s, String what, long t) {
        s.pending.add(new Change(t, what));
        unconverged.add(s);
    }

    /**
     * Whether every live subscriber of {@code s} holds what it should at {@code t}. The same judgement as
     * {@link #mismatch}, without building its words: this runs after every event of a dataId still converging.
     */
    private boolean converged(DataState s, long t) {
        Set<String> expected = judged(s.dataId, s.itemOfPub.values(), t);
        for (Received r : s.lastPush.values()) {
            if (r == null) {
                return false;
            }
            for (String item : expected) {
                if (!r.items().contains(item)) {
                    return false;
                }
            }
            for (String item : r.items()) {
                if (!expected.contains(item) && !run.uncertainty().at(s.dataId, item, t)
                        && !run.excuses().covers(item, t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Null when every live subscriber of {@code s} holds what it should at {@code t}. */
    private Mismatch mismatch(DataState s, long t) {
        Set<String> expected = judged(s.dataId, s.itemOfPub.values(), t);
        Mismatch first = null;
        int wrong = 0;
        for (Map.Entry<String, Received> e : s.lastPush.entrySet()) {
            String why;
            if (e.getValue() == null) {
                why = "sub " + e.getKey() + " had no push yet";
            } else {
                Event.Push push = e.getValue().push();
                Set<String> got = judged(s.dataId, push.items(), t);
                if (got.equals(expected)) {
                    continue;
                }
                why = "sub " + e.getKey() + " (last push v" + push.version() + " at t=" + push.t() + ")"
                        + difference(expected, got);
            }
            wrong++;
            if (first == null) {
                first = new Mismatch(t, e.getKey(), why);
            }
        }
        if (first == null) {
            return null;
        }
        return new Mismatch(t, first.sub(), first.detail()
                + (wrong > 1 ? " (" + wrong + " of " + s.lastPush.size() + " subscribers differ)" : ""));
    }

    private Set<String> judged(String dataId, Iterable<String> items, long t) {
        Set<String> out = new LinkedHashSet<>();
        for (String item : items) {
            if (!run.uncertainty().at(dataId, item, t) && !run.excuses().covers(item, t)) {
                out.add(item);
            }
        }
        return out;
    }

    private static String difference(Set<String> expected, Set<String> got) {
        List<String> lacks = expected.stream().filter(i -> !got.contains(i)).toList();
        List<String> extra = got.stream().filter(i -> !expected.contains(i)).toList();
        StringBuilder b = new StringBuilder();
        if (!lacks.isEmpty()) {
            b.append(" lacked ").append(Text.quoted(lacks));
        }
        if (!extra.isEmpty()) {
            b.append(lacks.isEmpty() ? "" : " and").append(" had extra ").append(Text.quoted(extra));
        }
        return b.toString();
    }

    private static String describe(Mismatch m) {
        return m == null ? "no subscriber was left behind at the bound" : "at t=" + m.at() + " " + m.detail();
    }

    private static String sub(Mismatch m) {
        return m == null ? null : m.sub();
    }
}
