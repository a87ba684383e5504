package io.roster.session.catalog;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import com.codahale.metrics.Counter;
import io.roster.common.app.Revision;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.AsyncRequestHandler;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.RevisionReply;
import io.roster.common.wire.SimpleReply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The client calls on revisions. {@link RevisionRegistration}: checked here (a bad revision never reaches meta),
 * answered at once when the catalog knows its digest, else forwarded to the meta leader on {@code metaCalls} (the
 * handler thread is free meanwhile; registrations of one digest under way share one forward) and, once meta took
 * it, known here. {@link RevisionQuery}: the asked revisions this catalog knows.
 */
public final class RevisionHandlers {
    private static final SimpleReply OK = new SimpleReply(ErrorCode.OK, "");
    private static final String LEADER_IS = "the leader is ";

    private final SessionCatalog catalog;
    private final CatalogFetcher fetcher;
    private final MetaClient meta;
    private final RegistryLimits limits;
    private final Executor metaCalls;
    private final Counter forwarded;
    private final Map<String, CompletableFuture<SimpleReply>> forwarding = new ConcurrentHashMap<>();

    public RevisionHandlers(SessionCatalog catalog, CatalogFetcher fetcher, MetaClient meta, RegistryLimits limits,
                            Executor metaCalls, Counter forwarded) {
        this.catalog = catalog;
        this.fetcher = fetcher;
        this.meta = meta;
        this.limits = limits;
        this.metaCalls = metaCalls;
        this.forwarded = forwarded;
    }

    /** The two handlers, running on {@code handlerPool} (the client handlers' pool). */
    public List<UserProcessor<?>> all(Executor handlerPool) {
        return all(handlerPool, RevisionGate.OPEN, context -> null);
    }

    /**
     * As above, a registration first passing {@code rateGate} (null lets it through, anything else is its RATE_LIMITED
     * answer; queries are not registrations and are not held to it), then {@code gate} (client authentication: its
     * refusal is the answer).
     */
    public List<UserProcessor<?>> all(Executor handlerPool, RevisionGate gate,
                                      Function<BizContext, CompletionStage<SimpleReply>> rateGate) {
        return List.of(new AsyncRequestHandler<>(RevisionRegistration.class, handlerPool) {
            @Override
            protected CompletionStage<?> handle(BizContext context, RevisionRegistration request) {
                CompletionStage<SimpleReply> limited = rateGate.apply(context);
                if (limited != null) {
                    return limited;
                }
                SimpleReply refused = request.revision() == null ? null : gate.refusal(context, request.revision().app());
                return refused != null ? CompletableFuture.completedFuture(refused) : register(request);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new SimpleReply(code, message);
            }
        }, new RequestHandler<>(RevisionQuery.class, handlerPool) {
            @Override
            protected Object handle(BizContext context, RevisionQuery request) {
                return query(request);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new RevisionReply(code, message, List.of());
            }
        });
    }

    CompletionStage<SimpleReply> register(RevisionRegistration request) {
        Revision revision = request.revision();
        if (revision == null) {
            throw new InvalidInputException("the revision registration carries no revision");
        }
        try {
            revision.check(limits);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("revision " + revision.digest() + " of app " + revision.app()
                    + " is refused: " + e.getMessage());
        }
        if (catalog.current().revision(revision.digest()) != null) {
            return CompletableFuture.completedFuture(OK);
        }
        CompletableFuture<SimpleReply> mine = new CompletableFuture<>();
        CompletableFuture<SimpleReply> running = forwarding.putIfAbsent(revision.digest(), mine);
        if (running != null) {
            return running;
        }
        mine.whenComplete((r, e) -> forwarding.remove(revision.digest(), mine));
        try {
            metaCalls.execute(() -> {
                try {
                    mine.complete(forward(request));
                } catch (RuntimeException e) {
                    // e.g. a catalog listener failed: answer (INTERNAL_ERROR) and free the digest for the next try
                    mine.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            mine.complete(new SimpleReply(ErrorCode.UNAVAILABLE, "too many revision registrations are waiting for meta "
                    + "on this session; retry"));
        }
        return mine;
    }

    /** Runs on a meta-call thread: the answer of the meta leader, as the client should get it. */
    private SimpleReply forward(RevisionRegistration request) {
        Revision revision = request.revision();
        SimpleReply reply;
        try {
            forwarded.inc();
            reply = meta.call(request, SimpleReply.class, r -> leaderNamedIn(r.message()));
        } catch (RpcFailure e) {
            return new SimpleReply(ErrorCode.UNAVAILABLE, "meta is unreachable, revision " + revision.digest()
                    + " is not registered yet; retry: " + e.getMessage());
        } catch (RuntimeException e) {
            return new SimpleReply(ErrorCode.UNAVAILABLE, "forwarding revision " + revision.digest() + " to meta failed: " + e);
        }
        if (reply.code() == ErrorCode.OK) {
            fetcher.registered(revision);
            return OK;
        }
        if (reply.code() == ErrorCode.NOT_LEADER) {
            return new SimpleReply(ErrorCode.UNAVAILABLE, "no meta server leads now, revision " + revision.digest()
                    + " is not registered yet; retry: " + reply.message());
        }
        return reply;
    }

    /** The address a meta NOT_LEADER message names ("...; the leader is host:port"), or null. */
    static String leaderNamedIn(String message) {
        int at = message == null ? -1 : message.lastIndexOf(LEADER_IS);
        return at < 0 ? null : message.substring(at + LEADER_IS.length()).trim();
    }

    RevisionReply query(RevisionQuery request) {
        List<String> digests = request.digests();
        if (digests.size() > RevisionQuery.MAX_DIGESTS) {
            throw new InvalidInputException("a revision query asks for " + digests.size() + " digests, over the limit of "
                    + RevisionQuery.MAX_DIGESTS);
        }
        var current = catalog.current();
        List<Revision> known = new ArrayList<>();
        for (String d : new LinkedHashSet<>(digests)) {
            Revision r = current.revision(d);
            if (r != null) {
                known.add(r);
            }
        }
        return new RevisionReply(ErrorCode.OK, "", known);
    }
}
