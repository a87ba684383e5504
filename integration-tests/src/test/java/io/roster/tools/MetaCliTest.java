package io.roster.tools;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.MetaServer;
import io.roster.testkit.CapturedRun;
import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code roster meta ...} against three real meta nodes in this JVM. */
@Timeout(120)
class MetaCliTest {
    private static final NodeInfo DATA = new NodeInfo(NodeRole.DATA, "127.0.0.1:19621", new ProcessId("127.0.0.1:19621", 1, 1));

    @TempDir
    Path dir;

    private LocalMetaGroup group;
    private final RpcCaller caller = new RpcCaller();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void tearDown() {
        caller.close();
        if (group != null) {
            group.close();
        }
    }

    @Test
    void peersSnapshotAndTransferLeader() throws Exception {
        group = LocalMetaGroup.start(dir, 3);
        // the leader may change between any two reads: compare each answer with who leads when it is checked
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            CapturedRun peers = peers();
            assertThat(peers.exit()).as(peers.toString()).isZero();
            assertThat(peers.out()).contains("3 peers, leader " + group.leader().address());
            for (String p : group.initialPeers()) {
                assertThat(peers.out()).containsPattern(p.replace(".", "\\.") + "\\s+yes\\s+(leader|follower)");
            }
        });
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            JsonNode tree = json.readTree(run("meta", "peers", "--json").out());
            assertThat(tree.get("leader").asText()).isEqualTo(group.leader().address());
            assertThat(tree.get("members")).hasSize(3);
            assertThat(texts(tree.get("peers"))).containsExactlyInAnyOrderElementsOf(group.initialPeers());
        });
        MetaServer leader = group.leader();

        CapturedRun snapshot = run("meta", "snapshot");
        assertThat(snapshot.exit()).as(snapshot.toString()).isZero();
        assertThat(snapshot.out().lines()).hasSize(3).allMatch(l -> l.startsWith("snapshot taken on "));
        JsonNode one = json.readTree(run("meta", "snapshot", leader.address(), "--json").out());
        assertThat(one.get("snapshots").get(0).get("ok").asBoolean()).isTrue();

        MetaServer target = group.followers().get(0);
        CapturedRun transfer = run("meta", "transfer-leader", target.address());
        assertThat(transfer.exit()).as(transfer.toString()).isZero();
        // the "from" part names whoever led when the command started, which an election may have changed since
        // (an election may even have made the target leader already)
        assertThat(transfer.out().strip()).satisfiesAnyOf(
                o -> assertThat(o).startsWith("leadership moved from ").endsWith(" to " + target.address()),
                o -> assertThat(o).isEqualTo(target.address() + " already leads"));
        await().atMost(Duration.ofSeconds(20)).until(target::isLeader);
        // should an election move leadership away meanwhile, the command moves it back; the next run says it leads
        await().atMost(Duration.ofSeconds(20))
                .until(() -> run("meta", "transfer-leader", target.address()).out().contains(target.address() + " already leads"));

        // a refusal from JRaft: transfer to an address outside the group (retried only while no leader answers)
        String outside = "127.0.0.1:" + FreePorts.free();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CapturedRun refused = run("meta", "transfer-leader", outside);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).startsWith("roster meta transfer-leader: meta leader ").contains("refused");
            assertOneLine(refused.err());
        });

        MetaServer stopped = group.followers().get(0);
        stopped.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> peers().out()
                .matches("(?s).*" + stopped.address().replace(".", "\\.") + "\\s+yes\\s+unreachable.*"));
    }

    @Test
    void addPeerRemovePeerAndChangePeersKeepTheGroupWorking() throws Exception {
        group = LocalMetaGroup.start(dir, 3);
        MetaClient client = new MetaClient(caller, group.initialPeers(), 2_000);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> heartbeat(client).ok());
        // two snapshots truncate the log, so the new peer catches up through InstallSnapshot
        assertThat(run("meta", "snapshot").exit()).isZero();
        assertThat(run("meta", "snapshot").exit()).isZero();

        MetaServer joiner = group.startJoiner();
        CapturedRun add = run("meta", "add-peer", joiner.address());
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).startsWith("added " + joiner.address() + "; peers now ");
        assertThat(peers().out()).contains("4 peers").contains(joiner.address());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> joiner.state().equals(group.leader().state()));
        assertThat(joiner.state().dataNodes()).contains(DATA);

        CapturedRun again = run("meta", "add-peer", joiner.address());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains(joiner.address() + " is already a member");

        MetaServer removed = group.followers().get(0);
        CapturedRun remove = run("meta", "remove-peer", removed.address());
        assertThat(remove.exit()).as(remove.toString()).isZero();
        assertThat(remove.out()).startsWith("removed " + removed.address()).contains("keeps running");
        JsonNode after = json.readTree(run("meta", "peers", "--json", "--meta", joiner.address()).out());
        assertThat(texts(after.get("peers"))).hasSize(3).doesNotContain(removed.address()).contains(joiner.address());
        removed.close();
        MetaClient survivors = new MetaClient(caller, texts(after.get("peers")), 2_000);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> heartbeat(survivors).ok());

        // joint consensus: swap the joiner for a second new node in one change
        MetaServer second = group.startJoiner();
        List<String> target = new ArrayList<>(texts(after.get("peers")));
        target.remove(joiner.address());
        target.add(second.address());
        CapturedRun change = run("meta", "change-peers", String.join(",", target), "--meta", String.join(",", texts(after.get("peers"))));
        assertThat(change.exit()).as(change.toString()).isZero();
        assertThat(change.out()).contains("to " + String.join(", ", target)).contains(joiner.address() + " keeps running");
        JsonNode changed = json.readTree(run("meta", "peers", "--json", "--meta", String.join(",", target)).out());
        assertThat(texts(changed.get("peers"))).containsExactlyInAnyOrderElementsOf(target);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> second.state().equals(group.leader().state()));
        MetaClient changedClient = new MetaClient(caller, target, 2_000);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> heartbeat(changedClient).ok());
    }

    @Test
    void removePeerTakesOutALearner() throws Exception {
        group = LocalMetaGroup.start(dir, 3);
        MetaServer learner = group.startJoiner();
        addLearner(learner.address());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> texts(json.readTree(run("meta", "peers", "--json").out()).get("learners")).contains(learner.address()));

        CapturedRun remove = run("meta", "remove-peer", learner.address());
        assertThat(remove.exit()).as(remove.toString()).isZero();
        assertThat(remove.out()).startsWith("removed learner " + learner.address() + "; peers now ").contains("keeps running");
        JsonNode after = json.readTree(run("meta", "peers", "--json").out());
        assertThat(texts(after.get("learners"))).isEmpty();
        assertThat(texts(after.get("peers"))).containsExactlyInAnyOrderElementsOf(group.initialPeers());
    }

    @Test
    void failuresAreOneLineWithExitCodes() {
        int port = FreePorts.free();
        CapturedRun none = CapturedCli.run("meta", "peers", "--timeout-ms", "500", "--meta", "127.0.0.1:" + port);
        assertThat(none.exit()).as(none.toString()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("roster meta peers: no meta server answered (127.0.0.1:" + port + ")"
                + System.lineSeparator());

        CapturedRun bad = CapturedCli.run("meta", "add-peer", "nonsense", "--meta", "127.0.0.1:" + port);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("roster meta add-peer: 'nonsense' is not host:port");
        assertOneLine(bad.err());

        CapturedRun badMeta = CapturedCli.run("meta", "peers", "--meta", "127.0.0.1:99999");
        assertThat(badMeta.exit()).isEqualTo(2);
        assertOneLine(badMeta.err());

        CapturedRun twice = CapturedCli.run("meta", "change-peers", "127.0.0.1:1,127.0.0.1:1", "--meta", "127.0.0.1:" + port);
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("listed twice");

        CapturedRun help = CapturedCli.run("meta");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("add-peer").contains("remove-peer").contains("change-peers")
                .contains("transfer-leader").contains("snapshot").contains("peers");
    }

    /** JRaft's own call: the CLI has no command that makes learners. */
    private void addLearner(String address) {
        CliService cli = RaftServiceFactory.createAndInitCliService(new CliOptions());
        try {
            Configuration conf = new Configuration();
            group.initialPeers().forEach(p -> conf.addPeer(PeerId.parsePeer(p)));
            Status st = cli.addLearners(MetaServer.GROUP_ID, conf, List.of(PeerId.parsePeer(address)));
            assertThat(st.isOk()).as(st.toString()).isTrue();
        } finally {
            cli.shutdown();
        }
    }

    private CapturedRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--meta")) {
            all.add("--meta");
            all.add(group.metaOption());
        }
        return CapturedCli.run(all.toArray(String[]::new));
    }

    private CapturedRun peers() {
        return run("meta", "peers");
    }

    private static HeartbeatReply heartbeat(MetaClient client) {
        return client.call(new HeartbeatRequest(DATA, 0, 0, 0, 0), HeartbeatReply.class, HeartbeatReply::leaderAddress);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertOneLine(String err) {
        assertThat(err.strip()).doesNotContain("\n").doesNotContain("\tat ");
    }
}
