package io.roster.datastore.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventProcessor;
import io.roster.common.model.ProcessId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;

/**
 * The connection each session process said hello on: where change notices go. Registered on the bolt server for
 * CLOSE events, so a closed connection is forgotten at once. Also remembers the processes meta expired, until meta
 * lists them again: their publishers were dropped here, and a late write or sync from one (a session that stalled
 * past its lease) must not bring them back while meta does not count it as alive.
 */
public final class SessionConnections implements ConnectionEventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConnections.class);

    private static final int EXPIRED_REMEMBERED = 4096;

    private final ConcurrentMap<ProcessId, Connection> byProcess = new ConcurrentHashMap<>();
    private final Set<ProcessId> expired = ConcurrentHashMap.newKeySet();
    private final Deque<ProcessId> expiredOrder = new ConcurrentLinkedDeque<>();
    private final SessionInterests interests = new SessionInterests();

    /** Remembers {@code connection} for {@code session}, replacing an older one (a session that reconnected). */
    public void remember(ProcessId session, Connection connection) {
        Connection old = byProcess.put(session, connection);
        if (old != connection) {
            LOG.info("session {} connected from {}", session, connection.getRemoteAddress());
        }
        // The connection may have closed before this hello was handled, in which case its CLOSE event is gone.
        if (!connection.isFine()) {
            byProcess.remove(session, connection);
        }
    }

    /** Meta expired {@code session}: forget its connection, and refuse its writes until meta lists it again. */
    public void expired(ProcessId session) {
        if (byProcess.remove(session) != null) {
            LOG.info("session {} forgotten", session);
        }
        interests.forget(session);
        if (expired.add(session)) {
            expiredOrder.add(session);
            while (expiredOrder.size() > EXPIRED_REMEMBERED) {
                expired.remove(expiredOrder.poll());
            }
        }
    }

    /** The session processes meta lists now: any of them it had expired is alive again (re-admitted). */
    public void listed(Collection<ProcessId> sessions) {
        for (ProcessId p : sessions) {
            if (expired.remove(p)) {
                expiredOrder.remove(p);
                LOG.info("session {} is listed by meta again", p);
            }
        }
    }

    /** Whether meta expired {@code session} and has not listed it since. */
    public boolean isExpired(ProcessId session) {
        return expired.contains(session);
    }

    /** The CLOSE event of a bolt connection. */
    @Override
    public void onEvent(String remoteAddress, Connection connection) {
        byProcess.forEach((session, c) -> {
            if (c == connection && byProcess.remove(session, c)) {
                LOG.info("session {} disconnected ({})", session, remoteAddress);
            }
        });
    }

    /** The live connection of {@code session}, or null. */
    public Connection connection(ProcessId session) {
        Connection c = byProcess.get(session);
        return c == null || expired.contains(session) ? null : c;
    }

    /**
     * What each session wants notices of. Kept across a session's reconnects (notices sent while it was away are
     * repaired by its version check); dropped when meta expires it.
     */
    public SessionInterests interests() {
        return interests;
    }

    /** The session processes with a live hello connection (none that meta expired). */
    public Set<ProcessId> processIds() {
        Set<ProcessId> out = new HashSet<>(byProcess.keySet());
        out.removeAll(expired);
        return Set.copyOf(out);
    }

    public boolean isConnected(ProcessId session) {
        return byProcess.containsKey(session);
    }

    public int size() {
        return byProcess.size();
    }
}
