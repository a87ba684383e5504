package io.roster.session.registry;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Brings the registry in line with new incident levers (docs/ARCHITECTURE.md, Session: incident levers). Runs while
 * no registration is under way ({@link RegistrationClock#exclusively}), so every registration is either swept here
 * or made afterwards under the new levers. Changes only the registry; the caller takes what it says to data.
 */
public final class LeverSweep {
    /**
     * What the sweep changed: publishers now off (to take off data at the sweep's tick), publishers back on
     * (restamped at that tick, to write back), blacklisted publishers removed and blacklisted subscribers dropped.
     */
    public record Result(List<Publisher> turnedOff, List<Publisher> turnedOn, List<Publisher> removed,
                         List<SubscriberRecord> dropped) {
        public boolean isEmpty() {
            return turnedOff.isEmpty() && turnedOn.isEmpty() && removed.isEmpty() && dropped.isEmpty();
        }
    }

    private LeverSweep() {
    }

    /**
     * @param off         whether a connection's client is off now
     * @param blacklisted whether a registration over a connection for a dataInfoId is refused now
     * @param stamp       the sweep's tick: publishers turned back on are registered anew at it
     */
    public static Result apply(ClientRegistry registry, Predicate<ConnectionHandle> off,
                               BiPredicate<ConnectionHandle, String> blacklisted, long stamp) {
        List<Publisher> turnedOff = new ArrayList<>();
        List<Publisher> turnedOn = new ArrayList<>();
        List<Publisher> removed = new ArrayList<>();
        for (PublisherEntry e : List.copyOf(registry.off().entries())) {
            Publisher p = e.publisher();
            if (blacklisted.test(e.connection(), p.dataInfoId())) {
                if (registry.removePublisher(p.registerId(), p.clientId()) != null) {
                    removed.add(p);
                }
            } else if (off.test(e.connection()) && !e.off()) {
                if (registry.off().setOff(e, true, null)) {
                    turnedOff.add(p);
                }
            } else if (!off.test(e.connection()) && e.off() && registry.attach(e.connection(), p.clientId(), stamp)) {
                // attached at the stamp: a later close of the connection takes the restamped publisher off data too
                Publisher back = restamped(p, stamp);
                if (registry.off().setOff(e, false, back)) {
                    turnedOn.add(back);
                }
            }
        }
        List<SubscriberRecord> dropped = new ArrayList<>();
        for (String target : registry.subscribedDataInfoIds()) {
            for (SubscriberRecord s : registry.subscribersOf(target)) {
                if (blacklisted.test(s.connection(), s.dataInfoId())
                        && registry.removeSubscriber(s.registerId(), s.clientId()) != null) {
                    dropped.add(s);
                }
            }
        }
        return new Result(turnedOff, turnedOn, removed, dropped);
    }

    /** {@code p} registered anew at {@code stamp}: data refuses to bring back a registration older than its removal. */
    static Publisher restamped(Publisher p, long stamp) {
        return new Publisher(p.registerId(), p.dataInfoId(), p.clientId(), p.appName(), p.zone(), p.data(), p.version(),
                stamp, p.sessionProcessId(), p.connectionGeneration());
    }
}
