package io.roster.tools.cli.meta;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * add-peer, remove-peer and change-peers against a scripted {@link MetaAdmin}: they believe the membership they read
 * afterwards, not JRaft's answer, and pick the call that fits a learner.
 */
class MembershipChangeCommandsTest {
    /** Nothing listens here, so the still-running probe answers fast. */
    private static final String A = "127.0.0.1:1";
    private static final String B = "127.0.0.1:2";
    private static final String C = "127.0.0.1:3";
    private static final String NEW = "127.0.0.1:4";

    /** A group whose calls do what each test scripts: change the membership or not, answer or not. */
    private static final class ScriptedAdmin implements MetaAdmin {
        Membership membership = new Membership(A, List.of(A, B, C), List.of(), Set.of(A, B, C));
        final List<String> calls = new ArrayList<>();
        Runnable effect = () -> { };
        MetaCallException failure;

        @Override
        public String leader() {
            return membership.leader();
        }

        @Override
        public Membership membership() {
            return membership;
        }

        private void perform(String call) {
            calls.add(call);
            effect.run();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void addPeer(String peer) {
            perform("addPeer " + peer);
        }

        @Override
        public void removePeer(String peer) {
            perform("removePeer " + peer);
        }

        @Override
        public void removeLearner(String learner) {
            perform("removeLearner " + learner);
        }

        @Override
        public void changePeers(List<String> peers) {
            perform("changePeers " + peers);
        }

        @Override
        public void transferLeader(String peer) {
            perform("transferLeader " + peer);
        }

        @Override
        public void snapshot(String peer) {
            perform("snapshot " + peer);
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedAdmin admin = new ScriptedAdmin();
    private final StringWriter out = new StringWriter();

    /** Runs {@code command} with its arguments parsed as picocli would, against the scripted admin. */
    private int run(MetaSubcommand command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--meta", A, "--timeout-ms", "300"));
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        command.checkArguments();
        return command.run(admin, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void removingALearnerUsesRemoveLearnersAndReportsItGone() {
        admin.membership = new Membership(A, List.of(A, B, C), List.of(NEW), Set.of(A, B, C, NEW));
        admin.effect = () -> admin.membership = new Membership(A, List.of(A, B, C), List.of(), Set.of(A, B, C));

        assertThat(run(new RemovePeerCommand(), NEW)).isZero();

        assertThat(admin.calls).containsExactly("removeLearner " + NEW);
        assertThat(out.toString()).startsWith("removed learner " + NEW + "; peers now " + A + ", " + B + ", " + C);
    }

    @Test
    void aChangeAnsweredOkThatTheGroupDoesNotShowFails() {
        // what JRaft's removePeer does to a learner: OK, nothing changed
        assertThatThrownBy(() -> run(new RemovePeerCommand(), B))
                .isInstanceOf(MetaCallException.class)
                .hasMessage("meta accepted remove-peer " + B + ", but after 300 ms the group has peers " + A + ", " + B + ", " + C
                        + " (leader " + A + "); no learners");
        assertThatThrownBy(() -> run(new AddPeerCommand(), NEW)).hasMessageStartingWith("meta accepted add-peer " + NEW + ", but");
        assertThatThrownBy(() -> run(new ChangePeersCommand(), A + "," + B + "," + NEW))
                .hasMessageStartingWith("meta accepted change-peers " + A + "," + B + "," + NEW + ", but");
    }

    @Test
    void anAddPeerWhoseAnswerWasLostButThatCommittedIsReportedAsDone() {
        admin.effect = () -> admin.membership = new Membership(A, List.of(A, B, C, NEW), List.of(), Set.of(A, B, C, NEW));
        admin.failure = MetaCallException.unanswered("meta leader " + A + " gave no answer to add-peer " + NEW + ": timeout");

        assertThat(run(new AddPeerCommand(), NEW)).isZero();

        assertThat(out.toString()).startsWith("added " + NEW + "; peers now ")
                .contains("the leader's answer was lost, but the group shows the change");
    }

    @Test
    void anAddPeerWhoseAnswerWasLostAndThatDidNotCommitSaysSoNotRefused() {
        admin.failure = MetaCallException.unanswered("meta leader " + A + " gave no answer to add-peer " + NEW + ": timeout");

        assertThatThrownBy(() -> run(new AddPeerCommand(), NEW))
                .isInstanceOf(MetaCallException.class)
                .hasMessageStartingWith("meta leader " + A + " gave no answer to add-peer " + NEW + ": timeout; after 300 ms")
                .hasMessageContaining("has not taken effect, though JRaft may still complete it")
                .hasMessageNotContaining("refused");
    }

    @Test
    void aRefusalIsPassedOnWithoutWaiting() {
        admin.failure = new MetaCallException("meta leader " + A + " refused add-peer " + NEW + ": busy (EBUSY)");

        assertThatThrownBy(() -> run(new AddPeerCommand(), NEW)).hasMessage("meta leader " + A + " refused add-peer " + NEW + ": busy (EBUSY)");
    }
}
