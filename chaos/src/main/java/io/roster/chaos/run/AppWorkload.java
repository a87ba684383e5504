package io.roster.chaos.run;

import io.roster.common.tls.TlsFiles;
import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;
import io.roster.client.ApplicationMetadata;
import io.roster.client.ApplicationPublication;
import io.roster.client.Publication;
import io.roster.client.Subscription;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.RevisionDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application-level part of the workload (issue 15), on clients of its own ({@code a0}, {@code a1}...) and a
 * random of its own drawn from the seed, so the interface-level operations of a seed stay what they were. A few
 * applications, each with three revisions over the run's dataIds (shared with the interface-level publishers, so the
 * old subscribers' lists are converted ones): pods published, rolled out to another revision (parameters changed,
 * an interface added or dropped), unpublished; one pod in four also published interface-level at the same address
 * (dual publishing, ended by the pod leaving or by a "migration done" step); {@code subscribeInterface} subscribers,
 * unsubscribes, connection drops, close and reopen. Every instance carries a {@code seq} parameter unique in the
 * run, so each call gives its items a text of their own.
 */
final class AppWorkload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppWorkload.class);
    static final int APPS = 3;
    /** Mixed into the seed so this random is not the interface-level one. */
    private static final long SEED_SALT = 0x15A9915L;

    private final Random random;
    private final List<String> dataIds;
    private final HistoryWriter history;
    private final RunClock clock;
    private final List<ChaosClient> clients = new CopyOnWriteArrayList<>();
    /** pub label -> the dual interface-level publication of that pod. */
    private final Map<String, String> dualOf = new TreeMap<>();
    private final OpCounts counts = new OpCounts();
    private final ClientOps ops;
    private volatile boolean unsupported;
    private int nextClient;
    private int nextPod;
    private int nextSub;
    private int seq;

    AppWorkload(long seed, int clientCount, List<String> dataIds, List<String> sessions, HistoryWriter history,
                RunClock clock, TlsFiles tls) {
        this.random = new Random(seed ^ SEED_SALT);
        this.dataIds = List.copyOf(dataIds);
        this.history = history;
        this.clock = clock;
        this.ops = new ClientOps(random, sessions, history, clock, counts, tls);
        try {
            for (int i = 0; i < clientCount; i++) {
                clients.add(ops.open("a" + nextClient++));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    OpCounts counts() {
        return counts;
    }

    /**
     * Revision {@code r} (0-2) of application {@code a}: 0 serves two dataIds; 1 the same with other parameters plus a
     * third; 2 only the second, with yet other parameters. With fewer dataIds the sets overlap; the parameters keep
     * the three revisions apart.
     */
    static Map<String, Map<String, String>> revision(List<String> dataIds, int a, int r) {
        Map<String, Map<String, String>> specs = new TreeMap<>();
        String timeout = Integer.toString(1000 * (r + 1));
        if (r < 2) {
            specs.put(dataIds.get(a % dataIds.size()), Map.of("timeout", timeout, "app", app(a)));
        }
        specs.put(dataIds.get((a + 1) % dataIds.size()), Map.of("timeout", timeout));
        if (r == 1) {
            specs.putIfAbsent(dataIds.get((a + 2) % dataIds.size()), Map.of("weight", "" + (a + 1)));
        }
        return specs;
    }

    static String app(int a) {
        return "chaos-app" + a;
    }

    /** One random operation; nothing once the SDK turned out not to have application-level discovery. */
    void step() {
        if (unsupported || clients.isEmpty()) {
            return;
        }
        ChaosClient c = clients.get(random.nextInt(clients.size()));
        int dice = random.nextInt(100);
        try {
            if (dice < 25) {
                publishPod(c);
            } else if (dice < 50) {
                rollout(c);
            } else if (dice < 60) {
                unpublishPod(c);
            } else if (dice < 65) {
                endDual(c);
            } else if (dice < 80) {
                subscribe(c, dataIds.get(random.nextInt(dataIds.size())));
            } else if (dice < 88) {
                ops.unsubscribe(c);
            } else if (dice < 94) {
                ops.drop(c);
            } else {
                reopen(c);
            }
        } catch (UnsupportedOperationException e) {
            unsupported = true;
            LOG.warn("chaos: the SDK has no application-level discovery ({}); application-level operations stop", e.toString());
        }
    }

    private void publishPod(ChaosClient c) {
        int a = random.nextInt(APPS);
        int r = random.nextInt(3);
        boolean dual = random.nextInt(4) == 0;
        String pub = "ap" + nextPod;
        String address = "pod" + nextPod++ + "." + app(a) + ":12200";
        AppEvent.Instance instance = instance(app(a), address, revision(dataIds, a, r));
        long calledAt = clock.now();
        try {
            ApplicationPublication p = c.sdk().publishApplication(instance.app(), address, metadata(instance));
            c.applications.put(pub, p);
            history.append(new AppEvent.Publish(clock.now(), c.label(), pub, instance, false, calledAt));
            counts.ok("appPublish");
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            history.append(new AppEvent.PublishFailed(clock.now(), c.label(), pub, instance, false, e.toString(),
                    calledAt));
            counts.failed("appPublish", e);
            return;
        }
        if (dual) {
            String dataId = new ArrayList<>(instance.interfaces().keySet()).get(random.nextInt(instance.interfaces().size()));
            String dualPub = "dual-" + pub;
            String item = address + "?dual=" + pub;
            long at = clock.now();
            try {
                c.publications.put(dualPub, c.sdk().publish(dataId, item));
                history.append(new Event.Publish(clock.now(), c.label(), dataId, dualPub, item, false, at));
                dualOf.put(pub, dualPub);
                counts.ok("dualPublish");
            } catch (RuntimeException e) {
                history.append(new Event.PublishFailed(clock.now(), c.label(), dataId, dualPub, item, e.toString(), at));
                counts.failed("dualPublish", e);
            }
        }
    }

    /** A rollout step: the pod moves to another revision of its application. */
    private void rollout(ChaosClient c) {
        Map.Entry<String, ApplicationPublication> e = ops.pick(c.applications);
        if (e == null) {
            return;
        }
        ApplicationPublication p = e.getValue();
        int a = Integer.parseInt(p.app().substring("chaos-app".length()));
        AppEvent.Instance instance = instance(p.app(), p.address(), revision(dataIds, a, random.nextInt(3)));
        long calledAt = clock.now();
        try {
            p.update(metadata(instance));
            history.append(new AppEvent.Publish(clock.now(), c.label(), e.getKey(), instance, true, calledAt));
            counts.ok("appRollout");
        } catch (UnsupportedOperationException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            history.append(new AppEvent.PublishFailed(clock.now(), c.label(), e.getKey(), instance, true,
                    ex.toString(), calledAt));
            counts.failed("appRollout", ex);
        }
    }

    /** The pod leaves: its application instance, and its interface-level publication if it had one. */
    private void unpublishPod(ChaosClient c) {
        Map.Entry<String, ApplicationPublication> e = ops.pick(c.applications);
        if (e == null) {
            return;
        }
        long calledAt = clock.now();
        try {
            e.getValue().unpublish();
            c.applications.remove(e.getKey());
            history.append(new AppEvent.Unpublish(clock.now(), c.label(), e.getValue().app(), e.getKey(), calledAt));
            counts.ok("appUnpublish");
        } catch (RuntimeException ex) {
            history.append(new AppEvent.UnpublishFailed(clock.now(), c.label(), e.getValue().app(), e.getKey(),
                    ex.toString(), calledAt));
            counts.failed("appUnpublish", ex);
            return;
        }
        unpublishDual(c, dualOf.remove(e.getKey()));
    }

    /** A dual-published pod's migration is done: its interface-level publication goes, the instance stays. */
    private void endDual(ChaosClient c) {
        for (String pub : c.applications.keySet()) {
            String dual = dualOf.remove(pub);
            if (dual != null) {
                unpublishDual(c, dual);
                return;
            }
        }
    }

    private void unpublishDual(ChaosClient c, String dualPub) {
        Publication p = dualPub == null ? null : c.publications.get(dualPub);
        if (p == null) {
            return;
        }
        long calledAt = clock.now();
        try {
            p.unpublish();
            c.publications.remove(dualPub);
            history.append(new Event.Unpublish(clock.now(), c.label(), p.dataInfoId(), dualPub, calledAt));
            counts.ok("dualUnpublish");
        } catch (RuntimeException ex) {
            history.append(new Event.UnpublishFailed(clock.now(), c.label(), p.dataInfoId(), dualPub, ex.toString(),
                    calledAt));
            counts.failed("dualUnpublish", ex);
        }
    }

    private void subscribe(ChaosClient c, String dataId) {
        String sub = "n" + nextSub++;
        try {
            Subscription s = c.subscribeInterface(sub, dataId);
            c.subscriptions.put(sub, s);
            history.append(new AppEvent.Subscribe(clock.now(), c.label(), sub, dataId));
            counts.ok("interfaceSubscribe");
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            counts.failed("interfaceSubscribe", e);
        }
    }

    private void reopen(ChaosClient c) {
        long calledAt = clock.now();
        c.close();
        history.append(new Event.Close(clock.now(), c.label(), calledAt));
        c.applications.keySet().forEach(dualOf::remove);
        counts.ok("close");
        int index = clients.indexOf(c);
        try {
            clients.set(index, ops.open("a" + nextClient++));
            counts.ok("reopen");
        } catch (RuntimeException ex) {
            counts.failed("reopen", ex);
        }
    }

    private AppEvent.Instance instance(String app, String address, Map<String, Map<String, String>> interfaces) {
        List<InterfaceSpec> specs = interfaces.entrySet().stream()
                .map(e -> new InterfaceSpec(e.getKey(), e.getValue())).toList(); // sorted: a TreeMap
        return new AppEvent.Instance(app, address, RevisionDigest.of(app, specs), interfaces,
                Map.of("seq", Integer.toString(++seq)));
    }

    private static ApplicationMetadata metadata(AppEvent.Instance instance) {
        ApplicationMetadata.Builder b = ApplicationMetadata.builder();
        instance.interfaces().forEach(b::addInterface);
        instance.params().forEach(b::instanceParam);
        return b.build();
    }

    void noteSessions() {
        for (ChaosClient c : clients) {
            try {
                c.noteSession();
            } catch (RuntimeException e) {
                LOG.debug("session of {} unknown: {}", c.label(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        for (ChaosClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {}: {}", c.label(), e.toString());
            }
        }
    }
}
