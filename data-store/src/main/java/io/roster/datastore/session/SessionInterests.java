package io.roster.datastore.session;

import io.roster.common.model.ProcessId;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which sessions want the change notices of which datums (docs/ARCHITECTURE.md: a change goes only to sessions with
 * subscribers, not to all). A session declares interest with every read and version query it makes for its
 * subscribers, tagged with its interest sequence, and withdraws it when its last subscriber of a datum leaves; a
 * withdrawal only removes declarations at or below its own sequence, so one that crossed a newer subscription's read
 * does not undo it. A declaration that arrives after its withdrawal (a version query in flight) is withdrawn again
 * by the session, which re-queues every datum it declared without having subscribers of it. Forgotten wholesale
 * when meta expires the session.
 */
public final class SessionInterests {
    /** dataInfoId -> session -> the interest sequence it was last declared with. */
    private final ConcurrentMap<String, ConcurrentMap<ProcessId, Long>> byDatum = new ConcurrentHashMap<>();

    public void declare(ProcessId session, String dataInfoId, long seq) {
        // Inside the compute: a withdrawal emptying and removing this datum's map at the same moment cannot take
        // this declaration with it.
        byDatum.compute(dataInfoId, (id, sessions) -> {
            ConcurrentMap<ProcessId, Long> out = sessions == null ? new ConcurrentHashMap<>() : sessions;
            out.merge(session, seq, Math::max);
            return out;
        });
    }

    public void declareAll(ProcessId session, Collection<String> dataInfoIds, long seq) {
        for (String id : dataInfoIds) {
            declare(session, id, seq);
        }
    }

    public void withdraw(ProcessId session, Collection<String> dataInfoIds, long seq) {
        for (String id : dataInfoIds) {
            byDatum.computeIfPresent(id, (k, sessions) -> {
                sessions.computeIfPresent(session, (s, declared) -> declared <= seq ? null : declared);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    /**
     * Meta expired {@code session}. If meta lists it again (a session that stalled past its lease), it declares its
     * interests anew with its next version check, which it runs on every new cluster view.
     */
    public void forget(ProcessId session) {
        for (String id : byDatum.keySet()) {
            byDatum.computeIfPresent(id, (k, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    /** The sessions to notify of a change of {@code dataInfoId}. */
    public Set<ProcessId> interested(String dataInfoId) {
        Map<ProcessId, Long> sessions = byDatum.get(dataInfoId);
        return sessions == null ? Set.of() : Set.copyOf(sessions.keySet());
    }

    /** How many (session, datum) interests are held: a gauge. */
    public int size() {
        return byDatum.values().stream().mapToInt(Map::size).sum();
    }
}
