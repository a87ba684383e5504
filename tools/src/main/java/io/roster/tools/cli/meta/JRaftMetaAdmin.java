package io.roster.tools.cli.meta;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.CliOptions;
import io.roster.meta.raft.LinkSecured;
import io.roster.tools.options.CliTls;
import io.roster.common.config.HostPort;
import io.roster.meta.MetaServer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link MetaAdmin} on JRaft's CliService. Each operation first finds the leader among the given addresses that
 * listen (any set of members will do), then talks to that leader alone, so a dead address costs one failed probe
 * per operation, not one failed JRaft connect (and its logged error) per call. Leaves JRaft's JVM-wide RouteTable alone.
 */
public final class JRaftMetaAdmin implements MetaAdmin {
    private final List<String> servers;
    private final int probeTimeoutMs;
    private final CliService cli;

    /** {@code servers} are host:port members to ask for the leader; {@code timeoutMs} bounds each JRaft call. */
    public JRaftMetaAdmin(List<String> servers, int timeoutMs) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no meta address to ask");
        }
        this.servers = List.copyOf(servers);
        this.probeTimeoutMs = Math.min(timeoutMs, 1_000);
        CliOptions options = LinkSecured.cliOptions(CliTls.outgoing()); // TLS to meta when ROSTER_TLS_KEYSTORE is set
        options.setTimeoutMs(timeoutMs);
        options.setRpcConnectTimeoutMs(probeTimeoutMs);
        this.cli = RaftServiceFactory.createAndInitCliService(options);
    }

    @Override
    public String leader() {
        List<String> up = servers.stream().filter(this::listening).toList();
        if (up.isEmpty()) {
            throw new MetaCallException("no meta server answered (" + String.join(", ", servers) + ")");
        }
        PeerId leader = new PeerId();
        Status st = cli.getLeader(MetaServer.GROUP_ID, conf(up), leader);
        if (st.isOk() && !leader.isEmpty()) {
            return address(leader);
        }
        throw new MetaCallException("no meta leader: the peers asked (" + String.join(", ", up)
                + ") know none (an election in progress, or the group has lost its quorum): " + describe(st));
    }

    @Override
    public Membership membership() {
        String leader = leader();
        Configuration atLeader = conf(List.of(leader));
        List<String> peers = query(() -> cli.getPeers(MetaServer.GROUP_ID, atLeader), leader);
        List<String> learners = query(() -> cli.getLearners(MetaServer.GROUP_ID, atLeader), leader);
        Set<String> alive = new HashSet<>(query(() -> cli.getAlivePeers(MetaServer.GROUP_ID, atLeader), leader));
        if (!learners.isEmpty()) {
            alive.addAll(query(() -> cli.getAliveLearners(MetaServer.GROUP_ID, atLeader), leader));
        }
        return new Membership(leader, peers, learners, alive);
    }

    @Override
    public void addPeer(String peer) {
        atLeader("add-peer " + peer, leader -> cli.addPeer(MetaServer.GROUP_ID, leader, peerId(peer)));
    }

    @Override
    public void removePeer(String peer) {
        atLeader("remove-peer " + peer, leader -> cli.removePeer(MetaServer.GROUP_ID, leader, peerId(peer)));
    }

    @Override
    public void removeLearner(String learner) {
        atLeader("remove-peer " + learner + " (a learner)",
                leader -> cli.removeLearners(MetaServer.GROUP_ID, leader, List.of(peerId(learner))));
    }

    @Override
    public void changePeers(List<String> peers) {
        atLeader("change-peers " + String.join(",", peers), leader -> cli.changePeers(MetaServer.GROUP_ID, leader, conf(peers)));
    }

    @Override
    public void transferLeader(String peer) {
        atLeader("transfer-leader " + peer, leader -> cli.transferLeader(MetaServer.GROUP_ID, leader, peerId(peer)));
    }

    /** Finds the leader, then makes {@code change} there alone (given the leader as a configuration). */
    private void atLeader(String what, Function<Configuration, Status> change) {
        String leader = leader();
        check(change.apply(conf(List.of(leader))), leader, what);
    }

    @Override
    public void snapshot(String peer) {
        if (!listening(peer)) {
            throw new MetaCallException(peer + " did not answer");
        }
        Status st = cli.snapshot(MetaServer.GROUP_ID, peerId(peer));
        if (!st.isOk()) {
            throw new MetaCallException(peer + " could not take a snapshot: " + describe(st));
        }
    }

    @Override
    public void close() {
        cli.shutdown();
    }

    private boolean listening(String address) {
        return TcpProbe.listening(address, probeTimeoutMs);
    }

    private static List<String> query(Supplier<List<PeerId>> call, String leader) {
        List<PeerId> peers;
        try {
            peers = call.get();
        } catch (RuntimeException e) {
            // JRaft reports a failed read by throwing; the message is all the operator can use.
            throw new MetaCallException("meta leader " + leader + " did not list the group: " + e.getMessage());
        }
        return peers.stream().map(JRaftMetaAdmin::address).toList();
    }

    private static void check(Status st, String leader, String what) {
        if (st.isOk()) {
            return;
        }
        // CliServiceImpl turns a failed or timed-out RPC into code -1; a leader that answered uses a RaftError code
        if (st.getCode() == RaftError.UNKNOWN.getNumber()) {
            throw MetaCallException.unanswered("meta leader " + leader + " gave no answer to " + what + ": " + describe(st));
        }
        throw new MetaCallException("meta leader " + leader + " refused " + what + ": " + describe(st));
    }

    static String describe(Status st) {
        String msg = st.getErrorMsg() == null || st.getErrorMsg().isBlank() ? "no reason given" : st.getErrorMsg().strip();
        RaftError error = st.getRaftError();
        return error == null || error == RaftError.UNKNOWN || error == RaftError.SUCCESS ? msg : msg + " (" + error + ")";
    }

    private static String address(PeerId peer) {
        return peer.getEndpoint().toString();
    }

    private static PeerId peerId(String address) {
        HostPort hp = HostPort.parse(address);
        return new PeerId(hp.host(), hp.port());
    }

    private static Configuration conf(List<String> addresses) {
        Configuration conf = new Configuration();
        addresses.forEach(a -> conf.addPeer(peerId(a)));
        return conf;
    }
}
