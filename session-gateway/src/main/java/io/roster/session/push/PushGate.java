package io.roster.session.push;

import io.roster.session.registry.ConnectionHandle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which client connections the session may push to now, and the dataInfoIds held meanwhile. Pushes go everywhere
 * while the cluster's push switch is on; with it off, only to connections from a gray-push IP (an operator trying a
 * change on a few hosts first); with this session's own stop-push on, nowhere, gray ones included. Part of the pure
 * {@link PushPlan}: no threads, no clock.
 */
final class PushGate {
    private boolean switchOn = true;
    private boolean stopped;
    private Set<String> grayIps = Set.of();
    /** DataInfoIds that wanted a round some connection could not get: each gets one when the gate changes. */
    private final Set<String> held = new LinkedHashSet<>();

    boolean allows(ConnectionHandle connection) {
        return !stopped && (switchOn || (connection.ip() != null && grayIps.contains(connection.ip())));
    }

    /** Every connection may be pushed to. */
    boolean allowsAll() {
        return !stopped && switchOn;
    }

    /** No connection may be pushed to. */
    boolean allowsNone() {
        return stopped || (!switchOn && grayIps.isEmpty());
    }

    void hold(String dataInfoId) {
        held.add(dataInfoId);
    }

    int heldCount() {
        return held.size();
    }

    /** Changes the gate; returns the held dataInfoIds, no longer held, for a round each (one that still cannot go is held again). */
    List<String> change(boolean switchOn, boolean stopped, Set<String> grayIps) {
        this.switchOn = switchOn;
        this.stopped = stopped;
        this.grayIps = Set.copyOf(grayIps);
        if (allowsNone()) {
            return List.of();
        }
        List<String> resumed = List.copyOf(held);
        held.clear();
        return resumed;
    }

    boolean switchOn() {
        return switchOn;
    }

    boolean stopped() {
        return stopped;
    }

    Set<String> grayIps() {
        return grayIps;
    }
}
