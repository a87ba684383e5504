package io.roster.client.core;

import com.alipay.remoting.Connection;
import io.roster.client.registry.PublisherRecord;
import io.roster.client.registry.RegistrationSnapshot;
import io.roster.client.registry.RegistrationTable;
import io.roster.client.registry.SubscriberRecord;
import io.roster.client.session.CallOutcome;
import io.roster.client.session.SessionLink;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a new session connection every live registration: publishers with their current version and data, subscribers
 * with their registerIds (the session then pushes their current data; the version gates keep stale pushes out).
 */
final class RegistrationReplayer implements SessionLink.Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationReplayer.class);

    private final RegistrationTable table;
    private final RequestFactory requests;
    private final SessionLink link;

    RegistrationReplayer(RegistrationTable table, RequestFactory requests, SessionLink link) {
        this.table = table;
        this.requests = requests;
        this.link = link;
    }

    @Override
    public SessionLink.Replay capture() {
        RegistrationSnapshot snapshot = table.snapshot();
        return (connection, address) -> replay(snapshot, connection, address);
    }

    private void replay(RegistrationSnapshot snapshot, Connection connection, String address) {
        for (PublisherRecord p : snapshot.publishers()) {
            if (!send(connection, address, "publish of " + p.dataInfoId() + " (registerId " + p.registerId() + ")",
                    requests.publish(p), () -> table.replacePublisher(p, null))) {
                return;
            }
        }
        for (SubscriberRecord s : snapshot.subscribers()) {
            if (!send(connection, address, "subscribe to " + s.dataInfoId() + " (registerId " + s.registerId() + ")",
                    requests.subscribe(s), () -> table.removeSubscriber(s))) {
                return;
            }
        }
        if (snapshot.size() > 0) {
            LOG.info("Replayed {} publishers and {} subscribers on session {}", snapshot.publishers().size(),
                    snapshot.subscribers().size(), address);
        }
    }

    /** False when the connection failed, so the rest waits for the next connection's replay. */
    private boolean send(Connection connection, String address, String what, Object request, Runnable drop) {
        CallOutcome outcome = link.call(connection, request);
        if (outcome instanceof CallOutcome.Lost) {
            return false;
        }
        Reply reply = ((CallOutcome.Answered) outcome).reply();
        if (reply.code() == ErrorCode.INVALID_REQUEST) {
            link.mutate(drop);
            LOG.warn("Session {} rejected the replayed {}: {}; dropped it", address, what, reply.message());
        } else if (!reply.ok()) {
            LOG.warn("Session {} answered {} to the replayed {}: {}; kept for the next connection", address, reply.code(),
                    what, reply.message());
        }
        return true;
    }
}
