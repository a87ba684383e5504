package io.roster.client.session;

import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.SessionListReply;
import io.roster.common.wire.SessionListRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live sessions as meta lists them ({@code SessionListRequest} to each meta server in turn until one answers),
 * refreshed every {@link #REFRESH_MS} and whenever a connection fails. Each client rotates the list by an offset of
 * its own, so clients spread over the sessions. Until meta is first reached it serves the
 * configured sessions, if any were given too. A failed refresh keeps the last list: meta being down must not take
 * away sessions that still work.
 */
public final class MetaSessionDirectory implements SessionDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(MetaSessionDirectory.class);
    static final long REFRESH_MS = 30_000;

    private final RpcCaller caller;
    private final List<String> metaServers;
    private final int timeoutMs;
    private final ScheduledExecutorService refresher;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    /** Where this client starts in meta's (sorted) list: clients spread over the sessions instead of all taking the first. */
    private final int offset = ThreadLocalRandom.current().nextInt(1 << 16);
    private volatile List<String> addresses;
    private volatile String lastProblem = "not asked yet";

    /** Its calls to meta go over a bolt client of its own, apart from the session link's connections. */
    public MetaSessionDirectory(List<String> metaServers, List<String> fallback, int timeoutMs, String threadName) {
        this(metaServers, fallback, timeoutMs, threadName, LinkSecurity.plain());
    }

    /** @param security how the links to meta are protected (the client's TLS, if any) */
    public MetaSessionDirectory(List<String> metaServers, List<String> fallback, int timeoutMs, String threadName,
                                LinkSecurity security) {
        this.caller = new RpcCaller(security);
        this.metaServers = List.copyOf(metaServers);
        this.addresses = List.copyOf(fallback);
        this.timeoutMs = timeoutMs;
        this.refresher = NamedThreads.scheduler(threadName);
    }

    /**
     * Asks meta at once (on the caller's thread when there are no configured sessions to use meanwhile, else in the
     * background), then every {@link #REFRESH_MS}.
     */
    public void start() {
        if (addresses.isEmpty()) {
            refresh();
        } else {
            refreshSoon();
        }
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                refresher.execute(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            } catch (RejectedExecutionException e) {
                refreshQueued.set(false); // closed
            }
        }
    }

    /** One ask of meta; returns whether a meta server answered. */
    boolean refresh() {
        for (String meta : metaServers) {
            try {
                SessionListReply reply = caller.call(meta, new SessionListRequest(), SessionListReply.class, timeoutMs);
                if (!reply.ok()) {
                    lastProblem = "meta " + meta + " answered " + reply.code() + " " + reply.message();
                    continue;
                }
                if (reply.sessions().isEmpty()) {
                    lastProblem = "meta " + meta + " lists no live session";
                    return true; // the last list stays: those sessions may only be late to heartbeat
                }
                List<String> mine = new ArrayList<>(reply.sessions());
                Collections.rotate(mine, -Math.floorMod(offset, mine.size()));
                if (!mine.equals(addresses)) {
                    LOG.info("Meta {} lists sessions {}", meta, mine);
                }
                addresses = List.copyOf(mine);
                lastProblem = "";
                return true;
            } catch (RpcFailure e) {
                lastProblem = "meta " + meta + " unreachable: " + e.getMessage();
            }
        }
        LOG.debug("Cannot refresh the session list: {}", lastProblem);
        return false;
    }

    @Override
    public String describe() {
        return "sessions from meta " + String.join(",", metaServers) + (lastProblem.isEmpty() ? "" : " (" + lastProblem + ")");
    }

    @Override
    public void close() {
        NamedThreads.shutdown(refresher);
        caller.close();
    }
}
