package io.roster.datastore.session;

import com.alipay.remoting.Connection;
import com.alipay.remoting.ConnectionEventProcessor;
import io.roster.common.model.ProcessId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The connection each session process said hello on: where change notices go. Registered on the bolt server for
 * CLOSE events, so a closed connection is forgotten at once.
 */
public final class SessionConnections implements ConnectionEventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConnections.class);

    private final ConcurrentMap<ProcessId, Connection> byProcess = new ConcurrentHashMap<>();

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

    public void forget(ProcessId session) {
        if (byProcess.remove(session) != null) {
            LOG.info("session {} forgotten", session);
        }
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

    public List<Connection> connections() {
        return List.copyOf(byProcess.values());
    }

    /** The session processes with a live hello connection. */
    public Set<ProcessId> processIds() {
        return Set.copyOf(byProcess.keySet());
    }

    public boolean isConnected(ProcessId session) {
        return byProcess.containsKey(session);
    }

    public int size() {
        return byProcess.size();
    }
}
