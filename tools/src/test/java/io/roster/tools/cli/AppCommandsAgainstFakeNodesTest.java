package io.roster.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.bolt.FakeBoltPeer;
import io.roster.tools.RosterMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apps, app and interface over real bolt sockets against stand-ins: a meta follower answering NOT_LEADER, the meta
 * leader answering the catalog and the slot table, and a data node answering datum reads. Proves the CLI's wiring
 * (redirect, catalog since 0, reads from the slot leader without a session) independently of the meta and session
 * parts of issue 15.
 */
class AppCommandsAgainstFakeNodesTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);

    private final Revision orders = Revision.of("orders", List.of(
            InterfaceSpec.of("com.example.Echo", Map.of("timeout", "3000"), LIMITS)), LIMITS);
    private final Map<String, Datum> datums = new ConcurrentHashMap<>();
    private final FakeData data = new FakeData(datums);
    private final FakeMeta leader = new FakeMeta(null, data.address(), orders);
    private final FakeMeta follower = new FakeMeta(leader.address(), null, null);

    @AfterEach
    void close() {
        follower.close();
        leader.close();
        data.close();
    }

    static final class FakeData extends FakeBoltPeer {
        FakeData(Map<String, Datum> datums) {
            super("fake-data", 2);
            handle(GetDatumRequest.class, r -> r.interestedSession() != null
                            ? new DatumReply(ErrorCode.INVALID_REQUEST, "a tool's read declares no session", null)
                            : new DatumReply(ErrorCode.OK, "", datums.getOrDefault(r.dataInfoId(), Datum.absent(r.dataInfoId()))),
                    (code, message) -> new DatumReply(code, message, null));
            listen();
        }
    }

    static final class FakeMeta extends FakeBoltPeer {
        /** A follower naming {@code leaderAddress}, or (leaderAddress null) the leader of a table led by {@code data}. */
        FakeMeta(String leaderAddress, String data, Revision revision) {
            super("fake-meta", 2);
            if (leaderAddress != null) {
                answer(ClusterStatusRequest.class, new ClusterStatusReply(ErrorCode.NOT_LEADER, "follower", leaderAddress,
                        List.of(), List.of(), SlotTable.EMPTY));
                answer(RevisionCatalogRequest.class, new RevisionCatalogReply(ErrorCode.NOT_LEADER, "follower", leaderAddress));
            } else {
                SlotTable table = new SlotTable(3, IntStream.range(0, 8).mapToObj(i -> new Slot(i, data, List.of(), 1)).toList());
                answer(ClusterStatusRequest.class, new ClusterStatusReply(ErrorCode.OK, "", null, List.of(), List.of(), table));
                handle(RevisionCatalogRequest.class, r -> r.sinceVersion() != 0
                                ? new RevisionCatalogReply(ErrorCode.INVALID_REQUEST, "the CLI asks from 0", null)
                                : new RevisionCatalogReply(ErrorCode.OK, "", null, 17, List.of(revision), List.of(revision.digest()),
                                List.of(new InterfaceProviders(ECHO, List.of("legacy")))),
                        (code, message) -> new RevisionCatalogReply(code, message, null));
            }
            listen();
        }
    }

    private CapturedRun run(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--meta";
        full[args.length + 1] = follower.address() + "," + leader.address();
        CommandLine cl = RosterMain.commandLine();
        return CapturedRun.of((out, err) -> {
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(full);
        });
    }

    private static Publisher publisher(String registerId, String dataInfoId, byte[] item) {
        return new Publisher(registerId, dataInfoId, "c-" + registerId, "orders", "", List.of(item), 1, 1, SESSION);
    }

    @Test
    void theCatalogFromTheLeaderAndTheDatumsFromTheSlotLeader() throws Exception {
        String appDatum = AppIds.appDataInfoId("orders", LIMITS);
        datums.put(appDatum, new Datum(appDatum, 5, List.of(
                publisher("r1", appDatum, new AppInstance(orders.digest(), "10.0.0.1:12200", Map.of()).encode()),
                publisher("r2", appDatum, new AppInstance(orders.digest(), "10.0.0.2:12200", Map.of("weight", "5")).encode()))));
        datums.put(ECHO, new Datum(ECHO, 8, List.of(publisher("p1", ECHO, "10.0.0.9:80".getBytes(StandardCharsets.UTF_8)))));
        ObjectMapper json = new ObjectMapper();

        CapturedRun apps = run("apps", "--json");
        assertThat(apps.exit()).as(apps.toString()).isZero();
        JsonNode appsTree = json.readTree(apps.out());
        assertThat(appsTree.get("catalogVersion").asLong()).isEqualTo(17);
        assertThat(appsTree.get("apps").get(0).get("instances").asInt()).isEqualTo(2);
        assertThat(follower.received(RevisionCatalogRequest.class)).as("asked the follower first, then the leader it named").hasSize(1);
        assertThat(leader.received(RevisionCatalogRequest.class)).hasSize(1);
        assertThat(data.received(GetDatumRequest.class)).extracting(GetDatumRequest::dataInfoId).containsExactly(appDatum);

        CapturedRun app = run("app", "orders");
        assertThat(app.exit()).as(app.toString()).isZero();
        assertThat(app.out()).contains("app orders: 2 instance(s), 1 live revision(s) (catalog version 17)")
                .containsPattern("10\\.0\\.0\\.2:12200\\s+" + orders.digest() + "\\s+weight=5")
                .contains("  " + ECHO + " timeout=3000");

        CapturedRun iface = run("interface", "com.example.Echo", "--json");
        assertThat(iface.exit()).as(iface.toString()).isZero();
        JsonNode ifaceTree = json.readTree(iface.out());
        assertThat(ifaceTree.get("apps").get(0).get("instances").toString())
                .contains("10.0.0.1:12200?timeout=3000", "10.0.0.2:12200?timeout=3000&weight=5");
        assertThat(ifaceTree.get("formerApps").get(0).asText()).isEqualTo("legacy");
        assertThat(ifaceTree.get("publishers").get(0).get("items").get(0).asText()).isEqualTo("10.0.0.9:80");

        CapturedRun nobody = run("app", "nobody");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).isEqualTo("roster app: no application nobody: no live revision and no instance" + System.lineSeparator());
    }

    @Test
    void aDataNodeThatCannotBeReadIsExitOne() {
        data.close();
        CapturedRun run = run("app", "orders", "--timeout-ms", "1000");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("roster app: ").doesNotContain("\tat ");
        assertThat(run.err().strip()).doesNotContain("\n");
    }
}
