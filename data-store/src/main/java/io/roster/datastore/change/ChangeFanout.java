package io.roster.datastore.change;

import io.roster.datastore.replication.ReplicaSender;
import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.DatumChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every change a leader makes goes: to the slot's followers at once (so their copies stay warm while the
 * slot migrates) and, as change notices, to the sessions, but only from slots in ACCEPT: a notice from a slot still
 * MIGRATING would point sessions at a version they cannot read yet. Changes made while a slot migrates (a client-off,
 * an expired session, reconciliation itself) are held back and announced when it enters ACCEPT.
 */
public final class ChangeFanout {
    private final ReplicaSender replicas;
    private final ChangeNotifier notifier;
    private final SlotStates states;
    /** slot -> dataInfoId -> the latest change held back while the slot was not in ACCEPT. Guarded by this. */
    private final Map<Integer, Map<String, DatumChange>> heldBack = new HashMap<>();

    public ChangeFanout(ReplicaSender replicas, ChangeNotifier notifier, SlotStates states) {
        this.replicas = replicas;
        this.notifier = notifier;
        this.states = states;
    }

    public void afterWrite(List<DatumChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        replicas.enqueue(changes);
        List<DatumChange> now = new ArrayList<>(changes.size());
        synchronized (this) {
            // Checked under the lock that announceAccepted takes after the slot entered ACCEPT: a change is either
            // announced here or held back and flushed there, never lost in between.
            for (DatumChange c : changes) {
                if (states.accepting(c.slot())) {
                    now.add(c);
                } else {
                    heldBack.computeIfAbsent(c.slot(), s -> new LinkedHashMap<>()).merge(c.dataInfoId(), c,
                            (old, neu) -> neu.version() >= old.version() ? neu : old);
                }
            }
        }
        notifier.announce(now);
    }

    /** Announces what was held back for {@code slots}, which just entered ACCEPT. */
    public void announceAccepted(List<Integer> slots) {
        List<DatumChange> flushed = new ArrayList<>();
        synchronized (this) {
            for (int slot : slots) {
                Map<String, DatumChange> held = heldBack.remove(slot);
                if (held != null) {
                    flushed.addAll(held.values());
                }
            }
        }
        notifier.announce(flushed);
    }

    /** Forgets what was held back for a slot this node no longer leads: its new leader announces its own versions. */
    public synchronized void forget(int slot) {
        heldBack.remove(slot);
    }
}
