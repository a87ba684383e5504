package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.acl.AclAction;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.roster.common.rpc.AsyncRequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.common.wire.WriteReply;
import io.roster.session.auth.ClientAccess;
import io.roster.session.catalog.AppPublishCheck;
import io.roster.session.lever.SessionLevers;
import io.roster.session.limit.DelayedRefusals;
import io.roster.session.limit.RegistrationRates;
import io.roster.session.routing.AsyncDataWrites;
import io.roster.session.push.PushEngine;
import io.roster.session.push.PushTargets;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.RegistrationClock;
import io.roster.session.registry.SubscriberRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The four client calls. Each validates fully (input, then credentials and ACL: {@link ClientAccess}) before
 * touching state, so bad input or a refused client changes nothing. Publish and
 * unpublish wait for data without a thread: the handler thread stamps and stores, starts the write and is free; the
 * client is answered when the write completes ({@link AsyncDataWrites}).
 */
public final class ClientRequestHandlers {
    private static final RegisterReply OK = new RegisterReply(ErrorCode.OK, "");
    private final ClientRegistry registry;
    private final AsyncDataWrites router;
    private final PushEngine pushEngine;
    private final RegistryLimits limits;
    private final ClientLimits clientLimits;
    private final ProcessId sessionProcessId;
    private final RegistrationClock clock;
    private final Consumer<Publisher> retract;
    private final Executor executor;
    private final BoltConnections connections;
    /** Publishes to Roster's reserved groups (application datums, providers datums); null: unchecked. */
    private final AppPublishCheck publishCheck;
    /** The operator's incident levers (client-off, blacklists); null: none. */
    private final SessionLevers levers;
    /** Client authentication and the ACL (security.client-auth); OFF: every call passes. */
    private final ClientAccess access;
    /** Every call here takes a token of its connection's and the session's registration rate first. */
    private final RegistrationRates<ConnectionHandle> rates;
    private final DelayedRefusals refusals;

    /**
     * @param retract takes a publisher back off data, in the background: used when a write may have landed after
     *                its client's connection closed, or after the client was told it failed
     */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections) {
        this(registry, router, pushEngine, limits, clientLimits, sessionProcessId, clock, retract, executor, connections, null);
    }

    /** @param publishCheck refuses bad publishes to reserved groups before anything is stored */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections, AppPublishCheck publishCheck) {
        this(registry, router, pushEngine, limits, clientLimits, sessionProcessId, clock, retract, executor, connections,
                publishCheck, null);
    }

    /** @param levers the incident levers: blacklisted registrations are refused, client-off holds publishes here */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections, AppPublishCheck publishCheck, SessionLevers levers) {
        this(registry, router, pushEngine, limits, clientLimits, sessionProcessId, clock, retract, executor, connections,
                publishCheck, levers, ClientAccess.OFF);
    }

    /** @param access refuses calls of clients without valid credentials, and registrations the ACL does not allow */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections, AppPublishCheck publishCheck, SessionLevers levers,
                                 ClientAccess access) {
        this(registry, router, pushEngine, limits, clientLimits, sessionProcessId, clock, retract, executor, connections,
                publishCheck, levers, access, RegistrationRates.unlimited(), DelayedRefusals.immediate());
    }

    /** Without levers or client authentication, held to {@code rates}. */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections, AppPublishCheck publishCheck,
                                 RegistrationRates<ConnectionHandle> rates, DelayedRefusals refusals) {
        this(registry, router, pushEngine, limits, clientLimits, sessionProcessId, clock, retract, executor, connections,
                publishCheck, null, ClientAccess.OFF, rates, refusals);
    }

    /**
     * @param rates    the registration rates every call here is held to first (RATE_LIMITED over them)
     * @param refusals when a RATE_LIMITED answer goes out
     */
    public ClientRequestHandlers(ClientRegistry registry, AsyncDataWrites router, PushEngine pushEngine, RegistryLimits limits,
                                 ClientLimits clientLimits, ProcessId sessionProcessId, RegistrationClock clock,
                                 Consumer<Publisher> retract, Executor executor,
                                 BoltConnections connections, AppPublishCheck publishCheck, SessionLevers levers,
                                 ClientAccess access, RegistrationRates<ConnectionHandle> rates, DelayedRefusals refusals) {
        this.access = access;
        this.levers = levers;
        this.rates = rates;
        this.refusals = refusals;
        this.publishCheck = publishCheck;
        this.clientLimits = clientLimits;
        this.registry = registry;
        this.router = router;
        this.pushEngine = pushEngine;
        this.limits = limits;
        this.sessionProcessId = sessionProcessId;
        this.clock = clock;
        this.retract = retract;
        this.executor = executor;
        this.connections = connections;
    }

    public List<UserProcessor<?>> all() {
        // All four are asynchronous only so that a RATE_LIMITED answer can wait (DelayedRefusals).
        return List.of(new AsyncHandler<>(PublishRequest.class, (c, r) -> paced(c, r.clientId(), () -> publish(c, r))),
                new AsyncHandler<>(UnpublishRequest.class, (c, r) -> paced(c, r.clientId(), () -> unpublish(c, r))),
                new AsyncHandler<>(SubscribeRequest.class, (c, r) -> paced(c, r.clientId(), () -> now(subscribe(c, r)))),
                new AsyncHandler<>(UnsubscribeRequest.class, (c, r) -> paced(c, r.clientId(), () -> now(unsubscribe(c, r)))));
    }

    /** A client call answered when {@code handling}'s stage completes. */
    private final class AsyncHandler<Q> extends AsyncRequestHandler<Q> {
        private final BiFunction<ConnectionHandle, Q, CompletionStage<RegisterReply>> handling;

        AsyncHandler(Class<Q> type, BiFunction<ConnectionHandle, Q, CompletionStage<RegisterReply>> handling) {
            super(type, executor);
            this.handling = handling;
        }

        @Override
        protected Object errorReply(ErrorCode code, String message) {
            return new RegisterReply(code, message);
        }

        @Override
        protected CompletionStage<?> handle(BizContext context, Q request) {
            return handling.apply(connections.handleOf(context.getConnection()), request);
        }
    }

    private static CompletionStage<RegisterReply> now(RegisterReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /**
     * The refusal of a new registration over a cap, or null when it may be taken. Checked before the registration,
     * not under a lock: parallel first registrations may pass a cap by the number of handler threads.
     */
    private RegisterReply overLimit(ConnectionHandle connection, String clientId, boolean newRegistration) {
        if (!registry.isAttached(connection) && registry.connectionCount() >= clientLimits.maxClients()) {
            return new RegisterReply(ErrorCode.SESSION_FULL, "session " + sessionProcessId.address() + " serves "
                    + registry.connectionCount() + " clients, its session.max-clients; connect to another session");
        }
        int held = registry.registrationsOf(clientId);
        if (newRegistration && held >= clientLimits.maxRegistrationsPerClient()) {
            return new RegisterReply(ErrorCode.LIMIT_EXCEEDED, "client " + clientId + " holds " + held
                    + " publishers and subscribers on this session, its session.max-registrations-per-client");
        }
        return null;
    }

    /**
     * {@code call}, or RATE_LIMITED when the connection or the session is over its registration rate. Checked before
     * anything else, so a flood costs a bucket check per call and nothing more.
     */
    private CompletionStage<RegisterReply> paced(ConnectionHandle connection, String clientId,
                                                 Supplier<CompletionStage<RegisterReply>> call) {
        String why = rates.admit(connection, describe(connection, clientId));
        return why == null ? call.get() : refusals.answer(new RegisterReply(ErrorCode.RATE_LIMITED, why), connection,
                ReadValve.of(connections.connectionOf(connection)));
    }

    static String describe(ConnectionHandle connection, String clientId) {
        return clientId == null || clientId.length() > 128 ? "at " + connection : clientId + " at " + connection;
    }

    private String validIds(String clientId, String registerId, String dataInfoId) {
        limits.checkId("clientId", clientId);
        limits.checkId("registerId", registerId);
        return DataInfoId.parse(dataInfoId, limits).toString();
    }

    private static RegisterReply closing() {
        return new RegisterReply(ErrorCode.UNAVAILABLE, "this connection is closing; reconnect and register again");
    }

    /** A publisher just stored (held off by client-off or not), and what {@link ClientRegistry#putPublisher} returned for it. */
    private record Stored(Publisher publisher, Publisher previous, boolean off) {
    }

    /** The REFUSED answer when a blacklist matches, or null. Checked under the clock's fence, as levers are swept. */
    private RegisterReply refused(ConnectionHandle connection, String dataInfoId) {
        String refusal = levers == null ? null : levers.refusal(connection, dataInfoId);
        return refusal == null ? null : new RegisterReply(ErrorCode.REFUSED, refusal);
    }

    /**
     * The app that owns what {@code connection} registers, with client auth on: only that app may replace or remove
     * it (FORBIDDEN), over any of its connections, so a replay still replaces its own. Null (unchecked) when off.
     */
    private String owner(ConnectionHandle connection) {
        return access.enabled() ? connection.app() : null;
    }

    /** The refusal of a client call by {@link ClientAccess}, or null: checked before anything is stored. */
    private static RegisterReply denied(ClientAccess.Refusal refusal) {
        return refusal == null ? null : new RegisterReply(refusal.code(), refusal.message());
    }

    private CompletionStage<RegisterReply> publish(ConnectionHandle connection, PublishRequest r) {
        String dataInfoId = validIds(r.clientId(), r.registerId(), r.dataInfoId());
        RegisterReply denied = denied(access.refusal(connection, AclAction.PUBLISH, dataInfoId));
        if (denied != null) {
            return now(denied);
        }
        limits.checkAppName(r.appName());
        limits.checkData(r.data());
        if (publishCheck != null) {
            publishCheck.check(dataInfoId, r.data());
        }
        RegisterReply refused = overLimit(connection, r.clientId(), !registry.hasPublisher(r.registerId()));
        if (refused != null) {
            return now(refused);
        }
        // Stamped and stored under the clock's fence: a reconciliation snapshot stamped later must contain p,
        // or data would take p for a publisher this session dropped and remove it.
        RegisterReply[] blacklisted = new RegisterReply[1];
        Stored stored = clock.register(stamp -> {
            if ((blacklisted[0] = refused(connection, dataInfoId)) != null || !registry.attach(connection, r.clientId(), stamp)) {
                return null;
            }
            Publisher p = new Publisher(r.registerId(), dataInfoId, r.clientId(), r.appName(), r.zone(), r.data(),
                    r.version(), stamp, sessionProcessId, r.connectionGeneration());
            boolean off = levers != null && levers.off(connection);
            return new Stored(p, registry.putPublisher(p, connection, off, owner(connection)), off);
        });
        if (stored == null) {
            return now(blacklisted[0] != null ? blacklisted[0] : closing());
        }
        Publisher p = stored.publisher();
        Publisher previous = stored.previous();
        if (previous == p) {
            return now(new RegisterReply(ErrorCode.OK, "stale version " + r.version() + " ignored"));
        }
        if (stored.off()) {
            if (previous != null) {
                levers.takeOff(p); // an earlier version may be at data (sent over a connection not off)
            }
            return now(new RegisterReply(ErrorCode.OK, "held by the operator's client-off until client-on"));
        }
        return router.publish(p).thenApply(reply -> published(p, previous, reply));
    }

    /** The end of a publish, once data answered {@code reply} for {@code p}. */
    private RegisterReply published(Publisher p, Publisher previous, WriteReply reply) {
        if (!reply.ok()) {
            registry.undoPublisher(p, previous);
            if (previous == null && reply.code() != ErrorCode.INVALID_REQUEST && !registry.hasPublisher(p.registerId())) {
                // A timed-out write may still have been applied; the client was told it failed, so take it back.
                retract.accept(p);
            }
            return new RegisterReply(reply.code(), reply.message());
        }
        if (!registry.hasPublisher(p.registerId())) {
            // The connection closed while the write was in flight, and its client-off may have reached data first.
            retract.accept(p);
        }
        return OK;
    }

    private CompletionStage<RegisterReply> unpublish(ConnectionHandle connection, UnpublishRequest r) {
        validIds(r.clientId(), r.registerId(), r.dataInfoId());
        RegisterReply denied = denied(access.unauthenticated(connection));
        if (denied != null) {
            return now(denied);
        }
        // Dropped under the clock's fence, like a registration: a snapshot stamped after removedAt lacks it,
        // and data refuses to bring it back from anything this session stamped before.
        long[] removedAt = new long[1];
        Publisher removed = clock.register(stamp -> {
            removedAt[0] = stamp;
            return registry.removePublisher(r.registerId(), r.clientId(), owner(connection));
        });
        if (removed == null) {
            return now(new RegisterReply(ErrorCode.OK, "no such publisher"));
        }
        return router.unpublish(removed.dataInfoId(), removed.registerId(), removedAt[0])
                .thenApply(reply -> reply.ok() ? OK : restore(connection, removed, reply));
    }

    /** What restoring a publisher that data failed to remove led to. */
    private enum Restored { ON, OFF, BLACKLISTED, CLOSED }

    /**
     * Puts {@code removed} back after data failed to remove it, as a publish over {@code connection} would be stored
     * now: under the clock's fence, held off while client-off holds the connection, not at all when a blacklist
     * refuses it (a lever may have come while the removal was on its way). Data may still hold it: unless it is
     * back on, it is taken off there.
     */
    private RegisterReply restore(ConnectionHandle connection, Publisher removed, WriteReply reply) {
        Restored restored = clock.register(stamp -> {
            if (refused(connection, removed.dataInfoId()) != null) {
                return Restored.BLACKLISTED;
            }
            boolean off = levers != null && levers.off(connection);
            return !registry.restorePublisher(removed, connection, off) ? Restored.CLOSED : off ? Restored.OFF : Restored.ON;
        });
        switch (restored) {
            case CLOSED -> {
                // The connection's close was handled meanwhile; data may still hold it, so take it off there.
                retract.accept(removed);
                return closing();
            }
            case BLACKLISTED -> {
                levers.takeOff(removed);
                return new RegisterReply(ErrorCode.OK, "removed here (blacklisted meanwhile); taken off data in the background");
            }
            case OFF -> levers.takeOff(removed);
            case ON -> { }
        }
        return new RegisterReply(reply.code(), reply.message());
    }

    private RegisterReply subscribe(ConnectionHandle connection, SubscribeRequest r) {
        String dataInfoId = validIds(r.clientId(), r.registerId(), r.dataInfoId());
        RegisterReply denied = denied(access.refusal(connection, AclAction.SUBSCRIBE, dataInfoId));
        if (denied != null) {
            return denied;
        }
        limits.checkAppName(r.appName());
        RegisterReply refused = overLimit(connection, r.clientId(), !registry.hasSubscriber(r.registerId()));
        if (refused != null) {
            return refused;
        }
        // An interface-only subscriber is kept apart: it never gets the converted list older ones of it get.
        SubscriberRecord s = new SubscriberRecord(r.registerId(), PushTargets.of(dataInfoId, r.interfaceOnly()),
                r.clientId(), connection, r.appName());
        RegisterReply answer = clock.register(stamp -> { // under the fence: a blacklist's sweep sees it or refuses it
            RegisterReply blacklisted = refused(connection, dataInfoId);
            if (blacklisted != null) {
                return blacklisted;
            }
            if (!registry.attach(connection, r.clientId(), stamp)) {
                return closing();
            }
            registry.addSubscriber(s, owner(connection));
            return OK;
        });
        if (answer == OK) {
            pushEngine.pushCurrent(s);
        }
        return answer;
    }

    private RegisterReply unsubscribe(ConnectionHandle connection, UnsubscribeRequest r) {
        validIds(r.clientId(), r.registerId(), r.dataInfoId());
        RegisterReply denied = denied(access.unauthenticated(connection));
        if (denied != null) {
            return denied;
        }
        registry.removeSubscriber(r.registerId(), r.clientId(), owner(connection));
        return OK;
    }
}
