package io.roster.datastore.node;

import io.roster.common.model.ProcessId;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.SlotGuard;

/** The store's {@link SlotGuard} on a data node: slot phases from {@link SlotStates}, expiries from {@link SessionConnections}. */
public final class NodeGuard implements SlotGuard {
    private final SlotStates states;
    private final SessionConnections sessions;

    public NodeGuard(SlotStates states, SessionConnections sessions) {
        this.states = states;
        this.sessions = sessions;
    }

    @Override
    public boolean leads(int slot, long leaderEpoch) {
        return states.leads(slot, leaderEpoch);
    }

    @Override
    public boolean follows(int slot, long leaderEpoch) {
        return states.follows(slot, leaderEpoch);
    }

    @Override
    public boolean admits(ProcessId session) {
        return !sessions.isExpired(session);
    }
}
