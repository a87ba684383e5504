package io.roster.session.app;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcClient;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.RegistryLimits;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.session.SessionServer;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real sessions between a fake meta, one {@link AppDataNode} and bolt clients that subscribe and record pushes. */
final class AppSessionHarness implements AutoCloseable {
    static final int SLOTS = 4;
    static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;

    final AppDataNode data = new AppDataNode();
    final Meta meta = new Meta(data.address());
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();

    /** A meta leader stand-in: every heartbeat gets a table whose slots all the data node leads. */
    static final class Meta extends FakeBoltPeer {
        Meta(String dataAddress) {
            super("fake-meta", 1);
            SlotTable table = new SlotTable(1, IntStream.range(0, SLOTS)
                    .mapToObj(i -> new Slot(i, dataAddress, List.of(), 1)).toList());
            List<NodeInfo> nodes = List.of(new NodeInfo(NodeRole.DATA, dataAddress, new ProcessId(dataAddress, 1, 1)));
            handle(HeartbeatRequest.class, request -> new HeartbeatReply(ErrorCode.OK, "", "", table, nodes, List.of()),
                    (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
            listen();
        }
    }

    SessionServer session(MetricRegistry metrics, long versionCheckMs) {
        RosterConfig config = RosterConfig.builder()
                .set(ConfigKeys.ROLES, "session")
                .set(ConfigKeys.SESSION_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.CLUSTER_SLOTS, String.valueOf(SLOTS))
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, "0")
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, "600000")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, String.valueOf(versionCheckMs))
                .build();
        SessionServer s = new SessionServer(config, metrics);
        closing.add(0, s);
        s.start();
        await().until(() -> s.view().slotTable().epoch() == 1);
        return s;
    }

    /** A delta-capable client of {@code session}. */
    Client client(SessionServer session, String clientId) throws Exception {
        Client c = new Client(session.address(), clientId);
        closing.add(0, c);
        clients.add(c);
        return c;
    }

    static InterfaceSpec spec(String dataId, Map<String, String> params) {
        return InterfaceSpec.of(dataId, params, LIMITS);
    }

    static Revision revision(String app, InterfaceSpec... specs) {
        return Revision.of(app, List.of(specs), LIMITS);
    }

    /** Sets {@code session}'s catalog to exactly these revisions at {@code version} (pairs from them). */
    static void catalog(SessionServer session, long version, Revision... revisions) {
        List<InterfaceProviders> pairs = new ArrayList<>();
        for (Revision r : revisions) {
            r.interfaces().forEach(s -> pairs.add(new InterfaceProviders(s.dataInfoId(), List.of(r.app()))));
        }
        session.catalog().update(c -> RevisionCatalog.of(version, List.of(revisions), pairs));
    }

    /** A subscribing client: records every push and keeps each subscription's list as the SDK would. */
    static final class Client implements AutoCloseable {
        private final RpcCaller caller;
        private final String address;
        private final String clientId;
        final List<PushMessage> pushes = new CopyOnWriteArrayList<>();
        /** What an SDK would refuse: a delta on a base it does not hold, a version not above the one it holds. */
        final List<String> problems = new CopyOnWriteArrayList<>();
        /** registerId -> (entry key -> item), as applied from the pushes. */
        private final Map<String, Map<String, String>> lists = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();
        private final ExecutorService handler = Executors.newSingleThreadExecutor();

        Client(String address, String clientId) throws Exception {
            RpcClient rpc = new RpcClient();
            rpc.registerUserProcessor(new RequestHandler<PushMessage>(PushMessage.class, handler) {
                @Override
                protected Object handle(BizContext context, PushMessage push) {
                    take(push);
                    return new PushAck(ErrorCode.OK, "");
                }

                @Override
                protected Object errorReply(ErrorCode code, String message) {
                    return new PushAck(code, message);
                }
            });
            this.caller = new RpcCaller(rpc);
            this.address = address;
            this.clientId = clientId;
            SimpleReply hello = caller.call(address, new ClientHello(clientId, List.of(ClientHello.PUSH_DELTA)),
                    SimpleReply.class, 5000);
            assertThat(hello.ok()).as(hello.toString()).isTrue();
        }

        private synchronized void take(PushMessage push) {
            pushes.add(push);
            for (String id : push.subscriberIds()) {
                Map<String, String> list = push.baseVersion() > 0 ? new LinkedHashMap<>(lists.getOrDefault(id, Map.of()))
                        : new LinkedHashMap<>();
                if (push.baseVersion() > 0 && !Long.valueOf(push.baseVersion()).equals(versions.get(id))) {
                    problems.add(id + ": a delta on base " + push.baseVersion() + " while holding " + versions.get(id));
                }
                if (push.isKeyed()) {
                    push.removedKeys().forEach(list::remove);
                    for (PushEntry e : push.entries()) {
                        list.put(e.key(), e.items().isEmpty() ? "" : new String(e.items().get(0), StandardCharsets.UTF_8));
                    }
                } else {
                    int i = 0;
                    for (byte[] item : push.data()) {
                        list.put("#" + i++, new String(item, StandardCharsets.UTF_8));
                    }
                }
                Long before = versions.get(id);
                if (before != null && push.version() <= before) {
                    problems.add(id + ": version " + push.version() + " after " + before);
                }
                lists.put(id, list);
                versions.put(id, push.version());
            }
        }

        void subscribe(String registerId, String dataInfoId, boolean interfaceOnly) throws Exception {
            RegisterReply r = caller.call(address, new SubscribeRequest(clientId, "app", registerId, dataInfoId, "",
                    interfaceOnly), RegisterReply.class, 5000);
            assertThat(r.ok()).as(r.toString()).isTrue();
        }

        void unsubscribe(String registerId, String dataInfoId) throws Exception {
            RegisterReply r = caller.call(address, new UnsubscribeRequest(clientId, registerId, dataInfoId),
                    RegisterReply.class, 5000);
            assertThat(r.ok()).as(r.toString()).isTrue();
        }

        /** The items the subscription holds now, sorted. */
        Collection<String> items(String registerId) {
            return new TreeSet<>(lists.getOrDefault(registerId, Map.of()).values());
        }

        /** The entries (key -> item) the subscription holds now. */
        Map<String, String> entries(String registerId) {
            return Map.copyOf(lists.getOrDefault(registerId, Map.of()));
        }

        long version(String registerId) {
            return versions.getOrDefault(registerId, -1L);
        }

        List<PushMessage> pushesTo(String registerId) {
            return pushes.stream().filter(p -> p.subscriberIds().contains(registerId)).toList();
        }

        @Override
        public void close() {
            caller.close();
            handler.shutdownNow();
        }
    }

    /** Every client got only pushes an SDK takes (fails the test otherwise). */
    void assertNoProblems() {
        clients.forEach(c -> assertThat(c.problems).isEmpty());
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the rest
            }
        }
        meta.close();
        data.close();
    }
}
