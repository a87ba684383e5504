package io.roster.meta.notice;

import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.image.MetaListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Tells every live data and session node at once that the slot table changed, so a promotion decided by meta is
 * known in milliseconds rather than at each node's next heartbeat. Listens to the images this meta node applies
 * and reacts to the deltas whose slot table changed (a higher epoch); only while it leads does it send a {@link ClusterChangedNotice} (followers apply the same tables, and one sender
 * is enough).
 *
 * <p>Sending happens on a few threads of its own, so Raft's apply thread never waits on the network. Each address
 * has at most one notice in flight, and notices to it coalesce: epochs that arrive meanwhile collapse into one
 * notice with the newest, so a node that is slow to connect to ties up one thread and gets no backlog. A notice that cannot be sent only costs speed: the node's
 * next heartbeat brings the table anyway, so failures are logged at DEBUG.
 */
public final class ClusterChangeNotifier implements MetaListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChangeNotifier.class);
    /** One connect to a dead node (bolt waits up to a second) ties up one thread, not the notices to the others. */
    public static final int DEFAULT_THREADS = 4;

    private final BooleanSupplier leading;
    private final ClusterNoticeSender sender;
    private final ExecutorService executor;
    /** Per address, the newest epoch to send; an entry exists exactly while a send task for it is queued or running. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private volatile long announcedEpoch;
    private volatile boolean closed;

    /**
     * @param leading whether this meta node leads now (asked on the apply thread for each new table)
     * @param sender  delivers the notices; closed with this notifier
     * @param threads how many notices may be in flight at once
     */
    public ClusterChangeNotifier(BooleanSupplier leading, ClusterNoticeSender sender, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.leading = leading;
        this.sender = sender;
        this.executor = NamedThreads.pool("meta-notice", threads);
    }

    /** Called with each applied image, in order, on the apply thread: decides and queues, never blocks. */
    @Override
    public void applied(MetaDelta delta, MetaImage image) {
        if (!delta.slotTableChanged() || !leading.getAsBoolean()) {
            return;
        }
        long epoch = image.slotTable().epoch();
        announcedEpoch = epoch;
        for (NodeInfo node : image.allNodes()) {
            queue(node.address(), epoch);
        }
    }

    /** The newest slot-table epoch this node announced as leader; 0 if it never announced one. */
    public long announcedEpoch() {
        return announcedEpoch;
    }

    private void queue(String address, long epoch) {
        if (pending.put(address, epoch) != null) {
            return; // the task queued or running for this address will send this newer epoch
        }
        try {
            executor.execute(() -> sendPending(address));
        } catch (RejectedExecutionException closing) {
            pending.remove(address);
        }
    }

    /** Sends the address's newest epoch until no newer one arrived during the send; then its entry is gone. */
    private void sendPending(String address) {
        while (!closed) {
            Long epoch = pending.get(address);
            if (epoch == null) {
                return;
            }
            send(address, epoch);
            if (pending.remove(address, epoch)) {
                return;
            }
        }
    }

    private void send(String address, long epoch) {
        try {
            sender.send(address, new ClusterChangedNotice(epoch));
        } catch (RpcFailure e) {
            LOG.debug("could not tell {} about slot table epoch {} (its next heartbeat will bring it): {}", address, epoch,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("telling {} about slot table epoch {} failed", address, epoch, e);
        }
    }

    /** Stops sending (queued notices are dropped: heartbeats cover them), then closes the sender. */
    @Override
    public void close() {
        closed = true;
        NamedThreads.shutdown(executor);
        pending.clear();
        sender.close();
    }
}
