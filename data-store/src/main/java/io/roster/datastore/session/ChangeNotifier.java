package io.roster.datastore.session;

import com.alipay.remoting.Connection;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.DataChangeNotice;
import io.roster.datastore.store.DatumChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells every connected session that datums changed. Sends happen on the notifier's own thread, so a writer
 * never waits on a slow connection. A lost notice is not retried here: the sessions' periodic version check
 * (session.version-check-interval-ms) repairs it.
 */
public final class ChangeNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final SessionConnections sessions;
    private final NoticeSender sender;
    private final ExecutorService executor = NamedThreads.pool("data-notify", 1);

    public ChangeNotifier(SessionConnections sessions, NoticeSender sender) {
        this.sessions = sessions;
        this.sender = sender;
    }

    /** Queues a notice per change for every connected session; returns at once. */
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
        for (Connection connection : sessions.connections()) {
            for (DatumChange change : changes) {
                try {
                    sender.send(connection, new DataChangeNotice(change.dataInfoId(), change.version()));
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
