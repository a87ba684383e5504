package io.roster.chaos.run;

import io.roster.common.tls.TlsFiles;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;
import io.roster.client.Publication;
import io.roster.client.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The clients' random operations, drawn from the run's seed on one thread: publish, republish, unpublish, subscribe,
 * unsubscribe, connection drop, close and reopen. Which operation, client and dataId come next depends only on the seed and on the
 * operations so far, so a seed replays the same schedule (what the cluster answers may differ). Pinned clients
 * publish one item per dataId before the checked window and are never touched again.
 */
final class Workload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);
    static final int PINNED_CLIENTS = 2;

    private final Random random;
    private final HistoryWriter history;
    private final RunClock clock;
    private final List<String> dataIds = new ArrayList<>();
    private final List<ChaosClient> pinned = new ArrayList<>();
    private final List<ChaosClient> clients = new ArrayList<>();
    private final OpCounts counts = new OpCounts();
    private final ClientOps ops;
    private int nextClient;
    private int nextPub;
    private int nextSub;

    Workload(long seed, int clientCount, int dataIdCount, List<String> sessions, HistoryWriter history, RunClock clock,
             TlsFiles tls) {
        this.random = new Random(seed);
        this.history = history;
        this.clock = clock;
        this.ops = new ClientOps(random, sessions, history, clock, counts, tls);
        for (int i = 0; i < dataIdCount; i++) {
            dataIds.add("chaos.svc." + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        }
        try {
            for (int i = 0; i < PINNED_CLIENTS; i++) {
                pinned.add(ops.open("pin" + i));
            }
            for (int i = 0; i < clientCount; i++) {
                clients.add(ops.open("c" + nextClient++));
            }
        } catch (RuntimeException e) {
            close(); // the clients opened so far
            throw e;
        }
    }

    List<String> dataIds() {
        return dataIds;
    }

    OpCounts counts() {
        return counts;
    }

    /** The pinned publishers (one per pinned client and dataId) and one subscriber of every dataId per client. */
    void setUp() {
        for (ChaosClient c : pinned) {
            for (String dataId : dataIds) {
                String pub = c.label() + "-" + shortId(dataId);
                Publication p = c.sdk().publish(dataId, "pinned:" + pub);
                c.publications.put(pub, p);
                history.append(new Event.Publish(clock.now(), c.label(), dataId, pub, "pinned:" + pub, true));
            }
        }
        for (ChaosClient c : clients) {
            subscribe(c, dataIds.get(random.nextInt(dataIds.size())));
        }
    }

    /** Every subscriber's client, for the run to check that the pinned items reached them. */
    List<ChaosClient> all() {
        List<ChaosClient> out = new ArrayList<>(pinned);
        out.addAll(clients);
        return out;
    }

    /** One random operation. */
    void step() {
        ChaosClient c = clients.get(random.nextInt(clients.size()));
        String dataId = dataIds.get(random.nextInt(dataIds.size()));
        int dice = random.nextInt(100);
        if (dice < 28) {
            publish(c, dataId);
        } else if (dice < 50) {
            republish(c);
        } else if (dice < 64) {
            unpublish(c);
        } else if (dice < 76) {
            subscribe(c, dataId);
        } else if (dice < 87) {
            ops.unsubscribe(c);
        } else if (dice < 94) {
            ops.drop(c);
        } else {
            reopen(c);
        }
    }

    private void publish(ChaosClient c, String dataId) {
        String pub = "p" + nextPub++;
        String item = pub + "/1";
        long calledAt = clock.now();
        try {
            Publication p = c.sdk().publish(dataId, item);
            c.publications.put(pub, p);
            history.append(new Event.Publish(clock.now(), c.label(), dataId, pub, item, false));
            counts.ok("publish");
        } catch (RuntimeException e) {
            history.append(new Event.PublishFailed(clock.now(), c.label(), dataId, pub, item, e.toString(), calledAt));
            counts.failed("publish", e);
        }
    }

    private void republish(ChaosClient c) {
        Map.Entry<String, Publication> e = ops.pick(c.publications);
        if (e == null) {
            return;
        }
        String pub = e.getKey();
        Publication p = e.getValue();
        String item = pub + "/" + (p.version() + 1) + "-" + random.nextInt(1000);
        long calledAt = clock.now();
        try {
            p.republish(item);
            history.append(new Event.Publish(clock.now(), c.label(), p.dataInfoId(), pub, item, false, calledAt));
            counts.ok("republish");
        } catch (RuntimeException ex) {
            history.append(new Event.PublishFailed(clock.now(), c.label(), p.dataInfoId(), pub, item, ex.toString(),
                    calledAt));
            counts.failed("republish", ex);
        }
    }

    private void unpublish(ChaosClient c) {
        Map.Entry<String, Publication> e = ops.pick(c.publications);
        if (e == null) {
            return;
        }
        long calledAt = clock.now();
        try {
            e.getValue().unpublish();
            c.publications.remove(e.getKey());
            history.append(new Event.Unpublish(clock.now(), c.label(), e.getValue().dataInfoId(), e.getKey(),
                    calledAt));
            counts.ok("unpublish");
        } catch (RuntimeException ex) {
            // The SDK keeps it, but the session may have dropped it: the checker holds its item in doubt.
            history.append(new Event.UnpublishFailed(clock.now(), c.label(), e.getValue().dataInfoId(), e.getKey(),
                    ex.toString(), calledAt));
            counts.failed("unpublish", ex);
        }
    }

    private void subscribe(ChaosClient c, String dataId) {
        String sub = "s" + nextSub++;
        try {
            Subscription s = c.subscribe(sub, dataId);
            c.subscriptions.put(sub, s);
            history.append(new Event.Subscribe(clock.now(), c.label(), sub, dataId));
            counts.ok("subscribe");
        } catch (RuntimeException ex) {
            counts.failed("subscribe", ex);
        }
    }

    /** Closes the client (its publishers must go) and puts a new one, under a new label, in its place. */
    private void reopen(ChaosClient c) {
        long calledAt = clock.now();
        c.close();
        history.append(new Event.Close(clock.now(), c.label(), calledAt));
        counts.ok("close");
        int index = clients.indexOf(c);
        try {
            clients.set(index, ops.open("c" + nextClient++));
            counts.ok("reopen");
        } catch (RuntimeException ex) {
            counts.failed("reopen", ex);
            clients.set(index, c); // closed: its operations fail until the next reopen draws it
        }
    }

    /** Records every client's moves between sessions. */
    void noteSessions() {
        for (ChaosClient c : all()) {
            try {
                c.noteSession();
            } catch (RuntimeException e) {
                LOG.debug("session of {} unknown: {}", c.label(), e.toString());
            }
        }
    }

    private static String shortId(String dataInfoId) {
        return dataInfoId.substring(0, dataInfoId.indexOf('#'));
    }

    /** Closes the ordinary clients first: their subscribers must not see the pinned publishers go. */
    @Override
    public void close() {
        List<ChaosClient> order = new ArrayList<>(clients);
        order.addAll(pinned);
        for (ChaosClient c : order) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {}: {}", c.label(), e.toString());
            }
        }
    }
}
