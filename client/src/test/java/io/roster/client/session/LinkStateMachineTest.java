package io.roster.client.session;

import io.roster.common.retry.Backoff;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.roster.client.session.LinkState.CLOSED;
import static io.roster.client.session.LinkState.CONNECTED;
import static io.roster.client.session.LinkState.DISCONNECTED;
import static io.roster.client.session.LinkState.REPLAYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link's decisions as tables: each row is one event, the commands the machine must answer with (log lines aside,
 * see {@link #theLogSaysWhatHappenedAndWhatComesNext}) and the state after it. Connections are strings; time is a
 * number passed in. Backoff 100 ms doubling to 500 ms, so a connection counts as stable after 1000 ms.
 */
class LinkStateMachineTest {
    private static final long T0 = 7_000;

    private final AtomicInteger refreshes = new AtomicInteger();
    private List<String> sessions = List.of("a:1", "b:2", "c:3");
    private final LinkStateMachine<String> machine = new LinkStateMachine<>(new ReconnectPlan(directory(), Backoff.ofMillis(100, 500)));

    @Test
    void aNewConnectionReplaysAndOnlyThenServes() {
        play(
                on("start", LinkStateMachine::start, DISCONNECTED, schedule(0)),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("a:1")),
                on("connected c1", m -> m.connected("c1", "a:1", T0), REPLAYING, replay("c1", "a:1", 1)),
                on("replay of c1 complete", m -> m.replayDone("c1", true, T0 + 5), CONNECTED, wake(), confirmOpen("c1")));
        assertThat(machine.current()).isEqualTo(new LinkStateMachine.Up<>("c1", "a:1", T0));
        assertThat(machine.generation()).isEqualTo(1);
        assertThat(machine.lastFailure()).isNull();
    }

    @Test
    void failedAttemptsMoveToTheNextAddressWithADoublingCappedDelay() {
        play(
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("a:1")),
                on("a:1 refused", m -> m.connectFailed("a:1", "refused"), DISCONNECTED, schedule(100)),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("b:2")),
                on("b:2 refused", m -> m.connectFailed("b:2", "refused"), DISCONNECTED, schedule(200)),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("c:3")),
                on("c:3 refused", m -> m.connectFailed("c:3", "refused"), DISCONNECTED, schedule(400)),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("a:1")),
                on("a:1 refused", m -> m.connectFailed("a:1", "timed out"), DISCONNECTED, schedule(500)),
                on("b:2 refused", m -> m.connectFailed("b:2", "refused"), DISCONNECTED, schedule(500)));
        assertThat(machine.lastFailure()).isEqualTo("b:2: refused");
        assertThat(machine.whyNotConnected()).isEqualTo("last failure: b:2: refused");
        assertThat(refreshes).as("each failure asks the directory for a fresh list").hasValue(5);
    }

    @Test
    void aStableConnectionLostIsLeftForTheNextAddressAtOnceAndResetsTheBackoff() {
        machine.connectFailed("a:1", "refused"); // backoff now at 200
        play(
                on("connected c1", m -> m.connected("c1", "b:2", T0), REPLAYING, replay("c1", "b:2", 1)),
                on("replay complete", m -> m.replayDone("c1", true, T0), CONNECTED, wake(), confirmOpen("c1")),
                on("c1 lost after 1000 ms", m -> m.lost("c1", "connection closed", T0 + 1000), DISCONNECTED,
                        wake(), schedule(0), close("c1")),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("c:3")),
                on("c:3 refused", m -> m.connectFailed("c:3", "refused"), DISCONNECTED, schedule(100)));
    }

    @Test
    void connectionsThatDieSoonAfterComingUpBackOffEvenWhenTheirReplayCompleted() {
        play(
                on("connected c1", m -> m.connected("c1", "a:1", T0), REPLAYING, replay("c1", "a:1", 1)),
                on("replay complete", m -> m.replayDone("c1", true, T0), CONNECTED, wake(), confirmOpen("c1")),
                on("c1 lost at once", m -> m.lost("c1", "connection closed", T0 + 5), DISCONNECTED, wake(), schedule(100), close("c1")),
                on("connected c2", m -> m.connected("c2", "b:2", T0 + 200), REPLAYING, replay("c2", "b:2", 2)),
                on("c2 lost while replaying", m -> m.lost("c2", "connection closed", T0 + 200), DISCONNECTED,
                        wake(), schedule(200), close("c2")),
                on("connected c3", m -> m.connected("c3", "c:3", T0 + 500), REPLAYING, replay("c3", "c:3", 3)),
                on("replay complete", m -> m.replayDone("c3", true, T0 + 501), CONNECTED, wake(), confirmOpen("c3")),
                on("c3 lost after 999 ms", m -> m.lost("c3", "connection closed", T0 + 1499), DISCONNECTED,
                        wake(), schedule(400), close("c3")));
    }

    @Test
    void aReplayThatDidNotCompleteDropsItsConnectionAndTheNextReplaysAgain() {
        play(
                on("connected c1", m -> m.connected("c1", "a:1", T0), REPLAYING, replay("c1", "a:1", 1)),
                on("replay incomplete", m -> m.replayDone("c1", false, T0 + 10), DISCONNECTED, wake(), schedule(100), close("c1")),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("b:2")),
                on("connected c2", m -> m.connected("c2", "b:2", T0 + 200), REPLAYING, replay("c2", "b:2", 2)));
        assertThat(machine.whyNotConnected()).isEqualTo(
                "still replaying registrations on b:2; last failure: a:1: the replay of registrations did not complete");
    }

    @Test
    void anAbandonedConnectionIsClosedOnlyOnceTheNextOneHasReplayed() {
        up("c1", "a:1");
        play(
                on("c1 abandoned", m -> m.abandoned("c1", "no answer to a liveness ping", T0 + 2000), DISCONNECTED, wake(), schedule(0)),
                on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("b:2")),
                on("connected c2", m -> m.connected("c2", "b:2", T0 + 2001), REPLAYING, replay("c2", "b:2", 2)),
                on("replay of c2 complete", m -> m.replayDone("c2", true, T0 + 2002), CONNECTED, wake(), close("c1"), confirmOpen("c2")));
    }

    @Test
    void aSecondAbandonClosesTheConnectionKeptFromTheFirstAndCloseClosesTheRest() {
        up("c1", "a:1");
        play(
                on("c1 abandoned", m -> m.abandoned("c1", "silent", T0 + 2000), DISCONNECTED, wake(), schedule(0)),
                on("connected c2", m -> m.connected("c2", "b:2", T0 + 2001), REPLAYING, replay("c2", "b:2", 2)),
                on("c2 abandoned while replaying", m -> m.abandoned("c2", "silent", T0 + 2002), DISCONNECTED,
                        wake(), schedule(100), close("c1")),
                on("close", LinkStateMachine::close, CLOSED, wake(), close("c2")));
    }

    @Test
    void eventsAboutAConnectionThatIsNoLongerCurrentChangeNothing() {
        play(
                on("connected c1", m -> m.connected("c1", "a:1", T0), REPLAYING, replay("c1", "a:1", 1)),
                on("c1 lost", m -> m.lost("c1", "connection closed", T0 + 1), DISCONNECTED, wake(), schedule(100), close("c1")),
                on("c1's replay completes late", m -> m.replayDone("c1", true, T0 + 2), DISCONNECTED),
                on("c1 lost again", m -> m.lost("c1", "connection closed", T0 + 3), DISCONNECTED),
                on("c1 abandoned", m -> m.abandoned("c1", "silent", T0 + 3), DISCONNECTED),
                on("a null connection lost", m -> m.lost(null, "?", T0 + 3), DISCONNECTED));
        assertThat(machine.replayPaused("c1", "answered NOT_LEADER")).isFalse();
        up("c2", "b:2");
        play(on("c1 lost while c2 is up", m -> m.lost("c1", "connection closed", T0 + 4), CONNECTED));
    }

    @Test
    void afterCloseEveryEventIsIgnoredAndANewConnectionIsClosedAtOnce() {
        up("c1", "a:1");
        play(
                on("close", LinkStateMachine::close, CLOSED, wake(), close("c1")),
                on("close again", LinkStateMachine::close, CLOSED),
                on("start", LinkStateMachine::start, CLOSED),
                on("attempt due", LinkStateMachine::attemptDue, CLOSED),
                on("refused", m -> m.connectFailed("b:2", "refused"), CLOSED),
                on("connected c2", m -> m.connected("c2", "b:2", T0), CLOSED, close("c2")),
                on("c1 lost", m -> m.lost("c1", "connection closed", T0), CLOSED),
                on("replay done", m -> m.replayDone("c2", true, T0), CLOSED));
        assertThat(machine.current()).isNull();
    }

    @Test
    void noAddressYetCountsAsAFailedAttempt() {
        sessions = List.of();
        play(on("attempt due, no session known", LinkStateMachine::attemptDue, DISCONNECTED, schedule(100)));
        assertThat(machine.lastFailure()).isEqualTo("(no session): no session address yet from test directory");
        sessions = List.of("m:9");
        play(on("attempt due", LinkStateMachine::attemptDue, DISCONNECTED, connect("m:9")));
    }

    @Test
    void aPausedReplayRecordsWhyCallsWaitAndTheGuardsSeeWhichConnectionIsUp() {
        assertThat(machine.isUpOnOtherThan(null)).isFalse();
        machine.connected("c1", "a:1", T0);
        assertThat(machine.replayPaused("c1", "answered NOT_LEADER to the replayed publish")).isTrue();
        assertThat(machine.replayPaused("c2", "answered NOT_LEADER")).isFalse();
        assertThat(machine.whyNotConnected()).isEqualTo(
                "still replaying registrations on a:1; last failure: a:1: answered NOT_LEADER to the replayed publish");
        assertThat(machine.isUpOnOtherThan(null)).as("registrations may not change unseen by this replay").isTrue();
        assertThat(machine.isUpOnOtherThan("c1")).isFalse();
        assertThat(machine.isConnectedOn("c1")).isFalse();
        machine.replayDone("c1", true, T0);
        assertThat(machine.isConnectedOn("c1")).isTrue();
        assertThat(machine.isReplayingOn("c1")).isFalse();
        assertThat(machine.replayPaused("c1", "late")).isFalse();
        assertThat(machine.lastFailure()).isNull();
    }

    @Test
    void theLogSaysWhatHappenedAndWhatComesNext() {
        assertThat(logs(machine.connectFailed("a:1", "refused"))).containsExactly(
                "INFO Cannot connect to session a:1 (refused); next attempt in 100 ms");
        machine.connected("c1", "b:2", T0);
        assertThat(logs(machine.replayDone("c1", true, T0))).containsExactly("INFO Connected to session b:2");
        assertThat(logs(machine.lost("c1", "connection closed", T0 + 50))).containsExactly(
                "WARN Lost session b:2 after 50 ms (connection closed); reconnecting to c:3 in 200 ms");
    }

    private void up(String connection, String address) {
        machine.connected(connection, address, T0);
        machine.replayDone(connection, true, T0);
        assertThat(machine.isConnectedOn(connection)).isTrue();
    }

    private record Row(String event, Function<LinkStateMachine<String>, List<LinkCommand<String>>> feed,
                       LinkState after, List<LinkCommand<String>> expected) {
    }

    @SafeVarargs
    private static Row on(String event, Function<LinkStateMachine<String>, List<LinkCommand<String>>> feed, LinkState after,
                          LinkCommand<String>... expected) {
        return new Row(event, feed, after, Arrays.asList(expected));
    }

    private void play(Row... rows) {
        for (Row row : rows) {
            List<LinkCommand<String>> commands = row.feed().apply(machine).stream()
                    .filter(c -> !(c instanceof LinkCommand.Log<String>)).toList();
            assertThat(commands).as("commands on: " + row.event()).containsExactlyElementsOf(row.expected());
            assertThat(machine.state()).as("state after: " + row.event()).isEqualTo(row.after());
        }
    }

    private static List<String> logs(List<LinkCommand<String>> commands) {
        return commands.stream().filter(c -> c instanceof LinkCommand.Log<String>).map(c -> (LinkCommand.Log<String>) c)
                .map(l -> (l.warning() ? "WARN " : "INFO ") + l.message()).toList();
    }

    private static LinkCommand<String> schedule(long delayMillis) {
        return new LinkCommand.ScheduleAttempt<>(delayMillis);
    }

    private static LinkCommand<String> connect(String address) {
        return new LinkCommand.Connect<>(address);
    }

    private static LinkCommand<String> replay(String connection, String address, long generation) {
        return new LinkCommand.Replay<>(connection, address, generation);
    }

    private static LinkCommand<String> close(String connection) {
        return new LinkCommand.Close<>(connection);
    }

    private static LinkCommand<String> confirmOpen(String connection) {
        return new LinkCommand.ConfirmOpen<>(connection);
    }

    private static LinkCommand<String> wake() {
        return new LinkCommand.WakeWaiters<>();
    }

    private SessionDirectory directory() {
        return new SessionDirectory() {
            @Override
            public List<String> addresses() {
                return sessions;
            }

            @Override
            public void refreshSoon() {
                refreshes.incrementAndGet();
            }

            @Override
            public String describe() {
                return "test directory";
            }

            @Override
            public void close() {
            }
        };
    }
}
