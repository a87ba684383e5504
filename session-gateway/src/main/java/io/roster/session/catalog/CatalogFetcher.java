package io.roster.session.catalog;

import com.codahale.metrics.Counter;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves a {@link SessionCatalog} forward to meta's: a heartbeat reply showing a newer {@code revisionsVersion}
 * starts a {@link RevisionCatalogRequest} to the meta leader on {@code executor} (never on the heartbeat thread), one
 * at a time; heartbeats meanwhile only raise the version wanted, fetched again right after. A failed fetch is
 * retried at the next heartbeat.
 *
 * <p>A revision registered through this session is in the catalog at once ({@link #registered}). A fetch answered
 * before meta applied it, but applied here after, would drop it as not live; so the revisions registered here since
 * a fetch was sent are kept through that fetch's reply.
 */
public final class CatalogFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFetcher.class);

    private final SessionCatalog catalog;
    private final MetaClient meta;
    private final Executor executor;
    private final Counter fetches;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicLong wanted = new AtomicLong();
    /** Revisions registered through this session, by the {@link #registrations} count when each was added. */
    private final Map<Revision, Long> registeredHere = new ConcurrentHashMap<>();
    private final AtomicLong registrations = new AtomicLong();
    private volatile boolean failing;

    public CatalogFetcher(SessionCatalog catalog, MetaClient meta, Executor executor, Counter fetches) {
        this.catalog = catalog;
        this.meta = meta;
        this.executor = executor;
        this.fetches = fetches;
    }

    /** The highest catalog version a heartbeat reply showed meta at (0: none yet); the catalog is behind while below. */
    public long heardVersion() {
        return wanted.get();
    }

    /** A heartbeat reply said meta's catalog is at {@code revisionsVersion}. Returns at once. */
    public void heard(long revisionsVersion) {
        wanted.accumulateAndGet(revisionsVersion, Math::max);
        if (revisionsVersion <= catalog.current().version() || !inFlight.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::fetch);
        } catch (RejectedExecutionException e) {
            inFlight.set(false); // shutting down, or the pool is full: the next heartbeat tries again
        }
    }

    /** Meta took {@code revision} through this session: it is known here from now on. */
    public void registered(Revision revision) {
        registeredHere.put(revision, registrations.incrementAndGet());
        catalog.update(c -> c.revision(revision.digest()) != null ? c : c.with(c.version(), revision));
    }

    private void fetch() {
        try {
            while (true) {
                long mark = registrations.get();
                long since = catalog.current().version();
                RevisionCatalogReply reply = meta.call(new RevisionCatalogRequest(since), RevisionCatalogReply.class,
                        RevisionCatalogReply::leaderAddress);
                fetches.inc();
                if (!reply.ok()) {
                    fetchFailed(reply.code() + " " + reply.message());
                    return;
                }
                RevisionCatalog after = catalog.update(c -> keepRegisteredSince(mark, reply.applyTo(c)));
                registeredHere.values().removeIf(at -> at <= mark);
                if (failing) {
                    LOG.info("revision catalog fetched again from meta, now at version {}", after.version());
                    failing = false;
                }
                if (after.version() <= since || after.version() >= wanted.get()) {
                    return;
                }
            }
        } catch (RpcFailure e) {
            fetchFailed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("revision catalog fetch failed", e);
        } finally {
            inFlight.set(false);
        }
    }

    private RevisionCatalog keepRegisteredSince(long mark, RevisionCatalog next) {
        RevisionCatalog out = next;
        for (Map.Entry<Revision, Long> e : registeredHere.entrySet()) {
            if (e.getValue() > mark && out.revision(e.getKey().digest()) == null) {
                out = out.with(out.version(), e.getKey());
            }
        }
        return out;
    }

    private void fetchFailed(String why) {
        if (!failing) {
            LOG.warn("revision catalog fetch from meta failed, retrying at the next heartbeat: {}", why);
        }
        failing = true;
    }
}
