package io.roster.session.catalog;

import com.alipay.remoting.rpc.protocol.UserProcessor;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.RegistryLimits;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.SimpleReply;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A session's side of application-level discovery, for {@code SessionServer} to wire: the {@link SessionCatalog}
 * copy and its {@link CatalogFetcher}, the {@link RevisionHandlers}, the {@link AppPublishCheck} and the
 * {@link RevisionsInUse} reported in heartbeats. Calls to meta run on their own small pool, apart from the client
 * handlers and the heartbeat thread. Metrics: gauge {@code session.revisions} (catalog size), counters
 * {@code session.revisions.fetches} and {@code session.revisions.forwarded}.
 */
public final class RevisionService implements AutoCloseable {
    private static final int META_CALL_THREADS = 2;
    /** Registrations (distinct digests) waiting for a meta-call thread; beyond it they are answered UNAVAILABLE. */
    private static final int META_CALL_QUEUE = 256;

    private final SessionCatalog catalog = new SessionCatalog();
    private final RevisionsInUse inUse = new RevisionsInUse();
    private final RegistryLimits limits;
    private final AppPublishCheck publishCheck;
    private final Counter fetches;
    private final Counter forwarded;
    private ExecutorService metaCalls;
    private volatile CatalogFetcher fetcher;
    private volatile RevisionRescue rescue;
    private RevisionHandlers handlers;

    public RevisionService(RegistryLimits limits, MetricRegistry metrics) {
        this.limits = limits;
        this.publishCheck = new AppPublishCheck(catalog::current);
        metrics.gauge("session.revisions", () -> () -> catalog.current().size());
        this.fetches = metrics.counter("session.revisions.fetches");
        this.forwarded = metrics.counter("session.revisions.forwarded");
    }

    /** Starts talking to meta through {@code meta}; before this, heartbeat replies are ignored. */
    public synchronized void start(MetaClient meta) {
        metaCalls = new ThreadPoolExecutor(META_CALL_THREADS, META_CALL_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(META_CALL_QUEUE), NamedThreads.factory("session-revisions"));
        CatalogFetcher f = new CatalogFetcher(catalog, meta, metaCalls, fetches);
        handlers = new RevisionHandlers(catalog, f, meta, limits, metaCalls, forwarded);
        RevisionRescue r = new RevisionRescue(catalog, inUse, handlers::register);
        catalog.addListener(r);
        rescue = r;
        fetcher = f;
    }

    public SessionCatalog catalog() {
        return catalog;
    }

    /**
     * The highest catalog version heard from meta (0 before {@link #start}), for the push side: a list built while the
     * catalog is below it is pushed again at the catch-up.
     */
    public LongSupplier heardVersion() {
        return () -> {
            CatalogFetcher f = fetcher;
            return f == null ? 0 : f.heardVersion();
        };
    }

    /** The catalog as it is now, for the push side. */
    public Supplier<RevisionCatalog> current() {
        return catalog::current;
    }

    /** Registers on the client's publisher changes (the {@code ClientRegistry}'s hook). */
    public RevisionsInUse inUse() {
        return inUse;
    }

    public AppPublishCheck publishCheck() {
        return publishCheck;
    }

    /**
     * On the heartbeat thread: a reply's catalog version; a fetch starts elsewhere when it is newer. Revisions in use
     * here that meta collected are registered again (also elsewhere).
     */
    public void heard(HeartbeatReply reply) {
        CatalogFetcher f = fetcher;
        if (f != null) {
            f.heard(reply.revisionsVersion());
            rescue.heartbeat();
        }
    }

    /** The revision registration and query handlers, on the client handlers' pool. */
    public synchronized List<UserProcessor<?>> clientHandlers(Executor handlerPool) {
        return clientHandlers(handlerPool, RevisionGate.OPEN, context -> null);
    }

    /**
     * As above, revision registrations first passing {@code rateGate} (see
     * {@link RevisionHandlers#all(Executor, RevisionGate, java.util.function.Function)}), then {@code gate} (client
     * authentication).
     */
    public synchronized List<UserProcessor<?>> clientHandlers(Executor handlerPool, RevisionGate gate, java.util.function.Function<
            com.alipay.remoting.BizContext, CompletionStage<SimpleReply>> rateGate) {
        return handlers.all(handlerPool, gate, rateGate);
    }

    @Override
    public synchronized void close() {
        if (metaCalls != null) {
            NamedThreads.shutdown(metaCalls);
        }
    }
}
