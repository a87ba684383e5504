package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.session.push.PushCommand.Deferred;
import io.roster.session.push.PushCommand.MarkPushed;
import io.roster.session.push.PushCommand.Pause;
import io.roster.session.push.PushCommand.ReadDatum;
import io.roster.session.push.PushCommand.Repaired;
import io.roster.session.push.PushCommand.Retried;
import io.roster.session.push.PushCommand.RoundFailed;
import io.roster.session.push.PushCommand.SendPush;
import io.roster.session.push.PushCommand.WakeAt;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a {@link PushPlan} the way the engine does, with no threads and no clock: each step feeds one event and
 * returns the commands as short lines ("read a", "send a v5 to c1 [s1, s2]", "wake 110", ...). Marks and pauses are
 * applied to the records as the engine applies them, so later decisions see them; the round number of each read is
 * remembered by dataInfoId, so a test answers "the read of a".
 */
final class PlanDriver {
    private final Map<String, List<SubscriberRecord>> subscribers = new LinkedHashMap<>();
    private final Set<SubscriberRecord> gone = new HashSet<>();
    private final Map<String, Long> reads = new HashMap<>();
    /** dataInfoIds whose subscriber lookup throws, as a registry bug would. */
    private final Set<String> broken = new HashSet<>();
    final PushPlan plan;

    PlanDriver(long debounceMs, int maxPendingPerClient) {
        plan = new PushPlan(new Audience() {
            @Override
            public boolean hasSubscribers(String dataInfoId) {
                return !subscribersOf(dataInfoId).isEmpty();
            }

            @Override
            public Collection<SubscriberRecord> subscribersOf(String dataInfoId) {
                if (broken.contains(dataInfoId)) {
                    throw new IllegalStateException("subscriber lookup of " + dataInfoId + " failed");
                }
                return List.copyOf(subscribers.getOrDefault(dataInfoId, List.of()));
            }

            @Override
            public boolean canPushTo(SubscriberRecord s) {
                return !gone.contains(s) && s.connection().isOpen();
            }
        }, new PushOptions(debounceMs, 0, maxPendingPerClient));
    }

    private final Map<ConnectionHandle, AtomicBoolean> open = new HashMap<>();

    /** A connection, open until {@link #closeConnection}. */
    ConnectionHandle connection(String name) {
        AtomicBoolean flag = new AtomicBoolean(true);
        ConnectionHandle c = new ConnectionHandle(name, flag::get);
        open.put(c, flag);
        return c;
    }

    /** A connection from {@code ip}, open until {@link #closeConnection}: what gray push matches. */
    ConnectionHandle connectionFrom(String name, String ip) {
        AtomicBoolean flag = new AtomicBoolean(true);
        ConnectionHandle c = new ConnectionHandle(name, ip, 4000, flag::get);
        open.put(c, flag);
        return c;
    }

    void closeConnection(ConnectionHandle c) {
        open.get(c).set(false);
    }

    SubscriberRecord subscribe(String registerId, String dataInfoId, ConnectionHandle c) {
        SubscriberRecord s = new SubscriberRecord(registerId, dataInfoId, "client-" + c, c);
        subscribers.computeIfAbsent(dataInfoId, id -> new ArrayList<>()).add(s);
        return s;
    }

    /** From now on the subscriber lookup of {@code dataInfoId} throws (or, with false, works again). */
    void breakLookup(String dataInfoId, boolean broken) {
        if (broken) {
            this.broken.add(dataInfoId);
        } else {
            this.broken.remove(dataInfoId);
        }
    }

    void unsubscribe(SubscriberRecord s) {
        subscribers.get(s.dataInfoId()).remove(s);
        gone.add(s);
    }

    static Datum datum(String dataInfoId, long version, String... items) {
        List<Publisher> pubs = java.util.Arrays.stream(items).map(i -> new Publisher("r-" + i, dataInfoId, "c", "app", "",
                List.of(i.getBytes(StandardCharsets.UTF_8)), 1, 1, new ProcessId("s:1", 1, 1))).toList();
        return new Datum(dataInfoId, version, pubs);
    }

    /** The round number of the last read asked for {@code dataInfoId}. */
    long roundOf(String dataInfoId) {
        Long round = reads.get(dataInfoId);
        assertThat(round).as("a read of " + dataInfoId + " was asked for").isNotNull();
        return round;
    }

    /** Feeds one event's commands through: applies marks and pauses, and returns them as lines. */
    List<String> step(List<PushCommand> commands) {
        List<String> lines = new ArrayList<>();
        for (PushCommand c : commands) {
            if (c instanceof MarkPushed m) {
                m.subscribers().forEach(s -> s.markPushed(m.version()));
            } else if (c instanceof Pause p) {
                p.subscribers().forEach(s -> s.pause(p.untilMillis()));
            } else if (c instanceof ReadDatum r) {
                reads.put(r.dataInfoId(), r.round());
            }
            lines.add(describe(c));
        }
        return lines;
    }

    static String describe(PushCommand c) {
        if (c instanceof ReadDatum r) {
            return "read " + name(r.dataInfoId());
        } else if (c instanceof SendPush s) {
            return "send " + name(s.datum().dataInfoId()) + " v" + s.datum().version() + " to " + s.connection() + " "
                    + ids(s.subscribers());
        } else if (c instanceof WakeAt w) {
            return "wake " + w.atMillis();
        } else if (c instanceof MarkPushed m) {
            return "mark " + ids(m.subscribers()) + " v" + m.version();
        } else if (c instanceof Pause p) {
            return "pause " + ids(p.subscribers()) + " until " + p.untilMillis();
        } else if (c instanceof Deferred d) {
            return "defer " + name(d.dataInfoId()) + " on " + d.connection();
        } else if (c instanceof Repaired r) {
            return "repair " + name(r.dataInfoId()) + " v" + r.dataVersion() + " over v" + r.pushedVersion();
        } else if (c instanceof Retried r) {
            return "retried " + name(r.dataInfoId());
        } else if (c instanceof RoundFailed f) {
            return "failed " + name(f.dataInfoId());
        }
        throw new AssertionError("unknown command " + c);
    }

    /** "a#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP" is written "a" in the tables. */
    static String id(String name) {
        return name + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    private static String name(String dataInfoId) {
        return dataInfoId.substring(0, dataInfoId.indexOf('#'));
    }

    private static String ids(List<SubscriberRecord> subs) {
        return subs.stream().map(SubscriberRecord::registerId).collect(Collectors.joining(", ", "[", "]"));
    }
}
