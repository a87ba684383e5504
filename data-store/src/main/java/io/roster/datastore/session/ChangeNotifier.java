package io.roster.datastore.session;

import com.alipay.remoting.Connection;
import com.codahale.metrics.Counter;
import io.roster.common.model.ProcessId;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.DataChangeNotice;
import io.roster.datastore.store.DatumChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells the sessions that want it (those that declared interest, {@link SessionInterests}) that a datum changed;
 * a session without subscribers of it gets nothing. Sends happen on the notifier's own thread, so a writer never
 * waits on a slow connection. A lost notice is not retried here: the sessions' periodic version check
 * (session.version-check-interval-ms) repairs it, and declares their interest again.
 */
public final class ChangeNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final SessionConnections sessions;
    private final NoticeSender sender;
    private final Counter sent;
    private final ExecutorService executor = NamedThreads.pool("data-notify", 1);

    /** @param sent counts the notices handed to a connection (data.notices.sent on /metrics) */
    public ChangeNotifier(SessionConnections sessions, NoticeSender sender, Counter sent) {
        this.sessions = sessions;
        this.sender = sender;
        this.sent = sent;
    }

    /** Queues a notice per change for every session interested in it; returns at once. */
    public void announce(List<DatumChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> sendAll(changes));
        } catch (RejectedExecutionException e) {
            LOG.debug("not announcing {} changes: shutting down", changes.size());
        }
    }

    private void sendAll(List<DatumChange> changes) {
        for (DatumChange change : changes) {
            for (ProcessId session : sessions.interests().interested(change.dataInfoId())) {
                Connection connection = sessions.connection(session);
                if (connection == null) {
                    continue; // not connected now: its version check finds the change after it says hello again
                }
                try {
                    sender.send(connection, new DataChangeNotice(change.dataInfoId(), change.version()));
                    sent.inc();
                } catch (Exception e) {
                    LOG.debug("change notice {} v{} to {} failed: {}", change.dataInfoId(), change.version(),
                            connection.getRemoteAddress(), e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(executor);
    }
}
