package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.roster.session.push.PlanDriver.datum;
import static io.roster.session.push.PlanDriver.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push rules as tables: each line feeds the plan one event (with the time it happens at, in ms) and lists the
 * commands it must answer with. No threads, no timers, no sockets.
 */
class PushPlanTest {
    private static final String A = id("a");

    private PlanDriver d;
    private PushPlan plan;

    private void plan(long debounceMs, int maxPendingPerClient) {
        d = new PlanDriver(debounceMs, maxPendingPerClient);
        plan = d.plan;
    }

    private void expect(List<PushCommand> commands, String... lines) {
        assertThat(d.step(commands)).containsExactly(lines);
    }

    @Test
    void aNewSubscriberGetsTheCurrentDataEvenWhenNothingIsPublished() {
        plan(10, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), Datum.absent(A), 1), "send a v0 to c1 [s1]");
        expect(plan.pushEnded(c1, A, true, 2), "mark [s1] v0");
        assertThat(s1.pushedVersion()).isZero();
    }

    @Test
    void anIsolatedChangeIsReadAndPushedAtOnceWithoutWaitingTheWindow() {
        plan(20, 256);
        ConnectionHandle c1 = d.connection("c1");
        d.subscribe("s1", A, c1);

        expect(plan.changeNotice(A, 0), "read a");                                       // no wake-up: at once
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 2), "send a v5 to c1 [s1]"); // the window runs to 22
        expect(plan.pushEnded(c1, A, true, 3), "mark [s1] v5");
        expect(plan.changeNotice(A, 22), "read a");                                      // the window is over: at once
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "y"), 23), "send a v6 to c1 [s1]");
    }

    @Test
    void aChangeInsideTheWindowAfterARoundMergesWithTheNextIntoOneRoundAtTheWindowsEnd() {
        plan(20, 256);
        ConnectionHandle c1 = d.connection("c1");
        d.subscribe("s1", A, c1);

        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 2), "send a v5 to c1 [s1]"); // the window: 2 to 22
        expect(plan.changeNotice(A, 5), "wake 22");        // inside the window (its push not even acked yet)
        expect(plan.pushEnded(c1, A, true, 6), "mark [s1] v5");
        expect(plan.changeNotice(A, 10));                 // merges with the one at 5
        expect(plan.changeNotice(A, 21));
        expect(plan.tick(21));
        expect(plan.tick(22), "read a");                  // one round for the three, at the window's end
        expect(plan.datumRead(d.roundOf(A), datum(A, 8, "z"), 23), "send a v8 to c1 [s1]");
        expect(plan.pushEnded(c1, A, true, 24), "mark [s1] v8");
        expect(plan.tick(43));                            // its window (23 to 43) passed with no change: nothing
        expect(plan.changeNotice(A, 50), "read a");       // quiet again: at once
    }

    @Test
    void changesWhileARoundReadsWaitForThatReadAndThenTheWindow() {
        plan(20, 256);
        ConnectionHandle c1 = d.connection("c1");
        d.subscribe("s1", A, c1);

        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.changeNotice(A, 1));                  // the read may have missed it: the next round brings it
        expect(plan.changeNotice(A, 3));
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 5), "send a v5 to c1 [s1]", "wake 25");
        expect(plan.pushEnded(c1, A, true, 6), "mark [s1] v5");
        expect(plan.tick(25), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 7, "y"), 26), "send a v7 to c1 [s1]");
    }

    @Test
    void aBurstMergesIntoOneRoundPerWindowEachChangeWaitingAtMostAReadAndAWindow() {
        plan(50, 256);
        ConnectionHandle c1 = d.connection("c1");
        d.subscribe("s1", A, c1);

        expect(plan.changeNotice(A, 0), "read a");        // the burst's first change goes at once
        for (int t = 1; t < 5; t++) {
            expect(plan.changeNotice(A, t));              // during the read
        }
        expect(plan.datumRead(d.roundOf(A), datum(A, 1, "v1"), 5), "send a v1 to c1 [s1]", "wake 55");
        expect(plan.pushEnded(c1, A, true, 6), "mark [s1] v1");
        for (int t = 6; t < 55; t++) {
            expect(plan.changeNotice(A, t));              // all merge
        }
        expect(plan.tick(55), "read a");                  // the change at 1 waited 54 ms: the read and one window
        for (int t = 55; t < 60; t++) {
            expect(plan.changeNotice(A, t));
        }
        expect(plan.datumRead(d.roundOf(A), datum(A, 60, "v60"), 60), "send a v60 to c1 [s1]", "wake 110");
        expect(plan.pushEnded(c1, A, true, 61), "mark [s1] v60");
        expect(plan.changeNotice(A, 100));
        expect(plan.tick(110), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 100, "v100"), 111), "send a v100 to c1 [s1]"); // the last data
        expect(plan.pushEnded(c1, A, true, 112), "mark [s1] v100");
        expect(plan.changeNotice(A, 161), "read a");      // the burst is over: at once again
    }

    @Test
    void aRoundThatFailsToStartLosesOnlyItselfNotTheOtherDueRoundsTheTimersOrLaterNotices() {
        plan(10, 256);
        ConnectionHandle c1 = d.connection("c1");
        String b = id("b");
        String c = id("c");
        d.subscribe("s1", A, c1);
        d.subscribe("s2", b, c1);
        d.subscribe("s3", c, c1);

        // Each first notice reads at once; the second of each, inside the window after that read, waits for its end.
        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 1, "x"), 0), "send a v1 to c1 [s1]");
        expect(plan.changeNotice(b, 0), "read b");
        expect(plan.datumRead(d.roundOf(b), datum(b, 1, "x"), 0), "send b v1 to c1 [s2]");
        expect(plan.changeNotice(c, 5), "read c");
        expect(plan.datumRead(d.roundOf(c), datum(c, 1, "x"), 5), "send c v1 to c1 [s3]");
        expect(plan.changeNotice(A, 1), "wake 10");
        expect(plan.changeNotice(b, 1));
        expect(plan.changeNotice(c, 6)); // the wake-up at 10 comes first
        d.breakLookup(A, true);
        // a's lookup throws while its round starts: b's round, due at the same time, still reads, and c's later
        // round keeps its wake-up
        expect(plan.tick(10), "failed a", "read b", "wake 15");
        expect(plan.tick(15), "read c");
        d.breakLookup(A, false);
        expect(plan.changeNotice(A, 20), "read a"); // a's failed round left nothing for later notices to wait on
    }

    @Test
    void noticesForDataNobodyHereSubscribesAreIgnored() {
        plan(0, 256);
        expect(plan.changeNotice(id("other"), 0));
        expect(plan.tick(1000));
    }

    @Test
    void neverPushesAVersionTheSubscriberAlreadyHas() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 0), "send a v5 to c1 [s1]");
        expect(plan.pushEnded(c1, A, true, 1), "mark [s1] v5");
        expect(plan.changeNotice(A, 2), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 3, "old"), 3));  // an older read: nothing
        expect(plan.subscribed(s1, 4), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 5));    // the same version: nothing
    }

    @Test
    void subscribersOfOneConnectionShareOnePushAndAFailedPushIsRetriedWithBackoff() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord a = d.subscribe("a", A, c1);
        SubscriberRecord b = d.subscribe("b", A, c1);
        Datum v7 = datum(A, 7, "x");

        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), v7, 0), "send a v7 to c1 [a, b]");
        expect(plan.pushEnded(c1, A, false, 5), "retried a", "wake 105");
        expect(plan.tick(105), "read a");
        expect(plan.datumRead(d.roundOf(A), v7, 105), "send a v7 to c1 [a, b]");
        expect(plan.pushEnded(c1, A, false, 110), "retried a", "wake 310");
        expect(plan.tick(310), "read a");
        expect(plan.datumRead(d.roundOf(A), v7, 310), "send a v7 to c1 [a, b]");
        expect(plan.pushEnded(c1, A, true, 320), "mark [a, b] v7");
        assertThat(List.of(a.pushedVersion(), b.pushedVersion())).containsExactly(7L, 7L);
    }

    @Test
    void aSubscriberWhosePushesKeepFailingIsPausedForAWhileInsteadOfRetriedForever() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);
        Datum v5 = datum(A, 5, "x");

        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), v5, 0), "send a v5 to c1 [s1]");            // attempt 1
        expect(plan.pushEnded(c1, A, false, 0), "retried a", "wake 100");
        expect(plan.tick(100), "read a");
        expect(plan.datumRead(d.roundOf(A), v5, 100), "send a v5 to c1 [s1]");          // attempt 2
        expect(plan.pushEnded(c1, A, false, 100), "retried a", "wake 300");
        expect(plan.tick(300), "read a");
        expect(plan.datumRead(d.roundOf(A), v5, 300), "send a v5 to c1 [s1]");          // attempt 3
        expect(plan.pushEnded(c1, A, false, 300), "retried a", "wake 700");
        expect(plan.tick(700), "read a");
        expect(plan.datumRead(d.roundOf(A), v5, 700), "send a v5 to c1 [s1]");          // attempt 4
        expect(plan.pushEnded(c1, A, false, 700), "pause [s1] until 30700");

        expect(plan.changeNotice(A, 1000), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "y"), 1000));                   // paused: no push
        expect(plan.changeNotice(A, 30700), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "y"), 30700), "send a v6 to c1 [s1]"); // the pause is over
    }

    @Test
    void aDatumDataCannotServeIsReadAgainWithBackoffByOneChainAndPausesNobody() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);
        SubscriberRecord s2 = d.subscribe("s2", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.readFailed(d.roundOf(A), 0), "retried a", "wake 100");
        expect(plan.subscribed(s2, 50), "read a");
        expect(plan.readFailed(d.roundOf(A), 50));  // a retry waits already: it will target every subscriber
        expect(plan.tick(100), "read a");
        expect(plan.readFailed(d.roundOf(A), 100), "retried a", "wake 300");
        expect(plan.tick(300), "read a");
        expect(plan.readFailed(d.roundOf(A), 300), "retried a", "wake 700");
        expect(plan.tick(700), "read a");
        expect(plan.readFailed(d.roundOf(A), 700), "retried a", "wake 1500");
        expect(plan.tick(1500), "read a");
        expect(plan.readFailed(d.roundOf(A), 1500), "retried a", "wake 3100");
        expect(plan.tick(3100), "read a");
        expect(plan.readFailed(d.roundOf(A), 3100), "retried a", "wake 5100"); // at most 2 s apart
        expect(plan.tick(5100), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 5100), "send a v5 to c1 [s1, s2]");
        expect(plan.pushEnded(c1, A, true, 5101), "mark [s1, s2] v5");
        assertThat(s1.paused(5101)).as("a data outage pauses no subscriber").isFalse();
    }

    @Test
    void aClientThatDoesNotAckDelaysNobodyElseAndThenGetsTheLatestNotTheBacklog() {
        plan(0, 256);
        ConnectionHandle slowConnection = d.connection("slow");
        ConnectionHandle fastConnection = d.connection("fast");
        d.subscribe("slow", A, slowConnection);
        d.subscribe("fast", A, fastConnection);

        expect(plan.changeNotice(A, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "a"), 0), "send a v5 to slow [slow]", "send a v5 to fast [fast]");
        expect(plan.pushEnded(fastConnection, A, true, 1), "mark [fast] v5");
        expect(plan.changeNotice(A, 2), "read a");       // slow's push awaits its ack: that holds up only slow
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "b"), 2), "send a v6 to fast [fast]"); // slow: one in flight
        expect(plan.pushEnded(fastConnection, A, true, 3), "mark [fast] v6");
        expect(plan.changeNotice(A, 4), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 7, "c"), 4), "send a v7 to fast [fast]");
        expect(plan.pushEnded(fastConnection, A, true, 5), "mark [fast] v7");

        expect(plan.pushEnded(slowConnection, A, true, 10), "mark [slow] v5", "read a"); // it acks v5 at last
        expect(plan.datumRead(d.roundOf(A), datum(A, 7, "c"), 10), "send a v7 to slow [slow]");
    }

    @Test
    void aSubscriberAddedWhileItsConnectionHasAPushInFlightGetsItsOwnRoundWhenThatEnds() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);
        SubscriberRecord s2 = d.subscribe("s2", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 0), "send a v5 to c1 [s1]");
        expect(plan.subscribed(s2, 1), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 1));       // waits for the one in flight
        expect(plan.pushEnded(c1, A, false, 2), "retried a", "wake 102", "read a"); // s1 retried; s2 now
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 2), "send a v5 to c1 [s2]");
    }

    @Test
    void whileThePushSwitchIsOffChangesAreHeldAndTheLatestGoesWhenItIsOnAgain() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);

        expect(plan.switchFlipped(false, 0));
        expect(plan.changeNotice(A, 1));                // held, not read
        expect(plan.subscribed(s1, 2));                 // held too
        expect(plan.changeNotice(A, 3));
        assertThat(plan.heldCount()).isEqualTo(1);
        assertThat(plan.enabled()).isFalse();

        expect(plan.switchFlipped(true, 10), "read a");
        assertThat(plan.heldCount()).isZero();
        expect(plan.datumRead(d.roundOf(A), datum(A, 9, "latest"), 10), "send a v9 to c1 [s1]");
    }

    @Test
    void aRoundThatReadWhileTheSwitchTurnedOffIsHeldNotSent() {
        plan(0, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.switchFlipped(false, 1));
        expect(plan.datumRead(d.roundOf(A), datum(A, 4, "x"), 2));
        assertThat(plan.heldCount()).isEqualTo(1);
        expect(plan.switchFlipped(true, 3), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 4, "x"), 3), "send a v4 to c1 [s1]");
    }

    @Test
    void aClientAtItsPendingCapGetsTheDeferredDatumsOnceEachAtTheirLatestVersion() {
        plan(0, 2);
        ConnectionHandle c = d.connection("c");
        for (int i = 0; i < 5; i++) {
            d.subscribe("s" + i, id("x" + i), c);
        }
        for (int i = 0; i < 5; i++) {
            expect(plan.changeNotice(id("x" + i), 0), "read x" + i);
        }
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 1, "a0"), 0), "send x0 v1 to c [s0]");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 1, "a1"), 0), "send x1 v1 to c [s1]");
        expect(plan.datumRead(d.roundOf(id("x2")), datum(id("x2"), 1, "a2"), 0), "defer x2 on c");
        expect(plan.datumRead(d.roundOf(id("x3")), datum(id("x3"), 1, "a3"), 0), "defer x3 on c");
        expect(plan.datumRead(d.roundOf(id("x4")), datum(id("x4"), 1, "a4"), 0), "defer x4 on c");

        // While the client sits on two pushes every datum changes again: the deferred ones go at version 2 only.
        for (int i = 0; i < 5; i++) {
            expect(plan.changeNotice(id("x" + i), 1), "read x" + i);
        }
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 2, "b0"), 1));  // in flight: goes after
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 2, "b1"), 1));
        expect(plan.datumRead(d.roundOf(id("x2")), datum(id("x2"), 2, "b2"), 1), "defer x2 on c");
        expect(plan.datumRead(d.roundOf(id("x3")), datum(id("x3"), 2, "b3"), 1), "defer x3 on c");
        expect(plan.datumRead(d.roundOf(id("x4")), datum(id("x4"), 2, "b4"), 1), "defer x4 on c");

        // Each ack frees a place for the next deferred datum; the acked one's newer version queues behind as well.
        expect(plan.pushEnded(c, id("x0"), true, 2), "mark [s0] v1", "read x2", "read x0");
        expect(plan.datumRead(d.roundOf(id("x2")), datum(id("x2"), 2, "b2"), 2), "send x2 v2 to c [s2]");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 2, "b0"), 2), "defer x0 on c");
        expect(plan.pushEnded(c, id("x1"), true, 3), "mark [s1] v1", "read x3", "read x1");
        expect(plan.datumRead(d.roundOf(id("x3")), datum(id("x3"), 2, "b3"), 3), "send x3 v2 to c [s3]");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 2, "b1"), 3), "defer x1 on c");
        expect(plan.pushEnded(c, id("x2"), true, 4), "mark [s2] v2", "read x4");
        expect(plan.datumRead(d.roundOf(id("x4")), datum(id("x4"), 2, "b4"), 4), "send x4 v2 to c [s4]");
        expect(plan.pushEnded(c, id("x3"), true, 5), "mark [s3] v2", "read x0");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 2, "b0"), 5), "send x0 v2 to c [s0]");
        expect(plan.pushEnded(c, id("x4"), true, 6), "mark [s4] v2", "read x1");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 2, "b1"), 6), "send x1 v2 to c [s1]");
        expect(plan.pushEnded(c, id("x0"), true, 7), "mark [s0] v2");
        expect(plan.pushEnded(c, id("x1"), true, 8), "mark [s1] v2");
    }

    @Test
    void aDeferredRoundThatSendsNothingPassesItsPlaceOn() {
        plan(0, 1);
        ConnectionHandle c = d.connection("c");
        d.subscribe("s0", id("x0"), c);
        SubscriberRecord s1 = d.subscribe("s1", id("x1"), c);
        d.subscribe("s2", id("x2"), c);

        expect(plan.changeNotice(id("x0"), 0), "read x0");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 1, "a0"), 0), "send x0 v1 to c [s0]"); // the one place
        expect(plan.changeNotice(id("x1"), 1), "read x1");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 1, "a1"), 1), "defer x1 on c");
        expect(plan.changeNotice(id("x2"), 2), "read x2");
        expect(plan.datumRead(d.roundOf(id("x2")), datum(id("x2"), 1, "a2"), 2), "defer x2 on c");
        d.unsubscribe(s1); // the first deferred round finds nobody to push to

        expect(plan.pushEnded(c, id("x0"), true, 3), "mark [s0] v1", "read x2");
        expect(plan.datumRead(d.roundOf(id("x2")), datum(id("x2"), 1, "a2"), 3), "send x2 v1 to c [s2]");
    }

    @Test
    void aClosedConnectionsBacklogIsForgottenAndItsSubscribersGetNothingMore() {
        plan(0, 1);
        ConnectionHandle c = d.connection("c");
        d.subscribe("s0", id("x0"), c);
        d.subscribe("s1", id("x1"), c);

        expect(plan.changeNotice(id("x0"), 0), "read x0");
        expect(plan.changeNotice(id("x1"), 0), "read x1");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 1, "a0"), 0), "send x0 v1 to c [s0]");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 1, "a1"), 0), "defer x1 on c");
        d.closeConnection(c);
        expect(plan.connectionClosed(c));
        expect(plan.pushEnded(c, id("x0"), false, 5), "retried x0", "wake 105"); // no deferred round over it
        expect(plan.tick(105), "read x0");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 1, "a0"), 105));
    }

    @Test
    void theVersionCheckRepairsOnlyAChangeNoRoundHereIsBringing() {
        plan(20, 256);
        ConnectionHandle c1 = d.connection("c1");
        SubscriberRecord s1 = d.subscribe("s1", A, c1);

        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.versionChecked(A, 5, 0));                                  // the subscription's round reads
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 1), "send a v5 to c1 [s1]");
        expect(plan.versionChecked(A, 5, 2));                                  // its push awaits the ack
        expect(plan.pushEnded(c1, A, true, 3), "mark [s1] v5");
        expect(plan.versionChecked(A, 5, 4));                                  // s1 has it
        expect(plan.changeNotice(A, 5), "read a");
        expect(plan.versionChecked(A, 6, 5));                                  // the notice's round reads
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "y"), 6), "send a v6 to c1 [s1]");
        expect(plan.pushEnded(c1, A, true, 7), "mark [s1] v6");
        expect(plan.changeNotice(A, 8), "wake 26");
        expect(plan.versionChecked(A, 7, 9));                                  // v7 waits for the window's end
        expect(plan.tick(26), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 7, "z"), 27), "send a v7 to c1 [s1]");
        expect(plan.pushEnded(c1, A, true, 28), "mark [s1] v7");

        // v8 is written and its notice lost: nothing here would bring it.
        expect(plan.versionChecked(A, 8, 100), "repair a v8 over v7", "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 8, "w"), 101), "send a v8 to c1 [s1]");
    }

    @Test
    void theVersionCheckLeavesADeferredPushAlone() {
        plan(0, 1);
        ConnectionHandle c = d.connection("c");
        SubscriberRecord s0 = d.subscribe("s0", id("x0"), c);
        SubscriberRecord s1 = d.subscribe("s1", id("x1"), c);
        expect(plan.subscribed(s0, 0), "read x0");
        expect(plan.datumRead(d.roundOf(id("x0")), datum(id("x0"), 5, "a"), 0), "send x0 v5 to c [s0]");
        expect(plan.subscribed(s1, 0), "read x1");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 5, "b"), 0), "defer x1 on c");
        expect(plan.versionChecked(id("x1"), 5, 1));                           // waits for a place
        expect(plan.pushEnded(c, id("x0"), true, 2), "mark [s0] v5", "read x1");
        expect(plan.datumRead(d.roundOf(id("x1")), datum(id("x1"), 5, "b"), 2), "send x1 v5 to c [s1]");
    }

    @Test
    void theVersionCheckLeavesRetriedPausedAndHeldPushesAloneAndRetriesAPauseThatIsOver() {
        plan(0, 256);
        ConnectionHandle c = d.connection("c");
        SubscriberRecord s1 = d.subscribe("s1", A, c);
        expect(plan.subscribed(s1, 0), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "a"), 0), "send a v5 to c [s1]");
        long[] tries = {0, 100, 300, 700};
        for (int attempt = 0; attempt < 3; attempt++) {                        // the client fails it
            expect(plan.pushEnded(c, A, false, tries[attempt]), "retried a", "wake " + tries[attempt + 1]);
            expect(plan.versionChecked(A, 5, tries[attempt] + 1));             // a retry waits
            expect(plan.tick(tries[attempt + 1]), "read a");
            expect(plan.datumRead(d.roundOf(A), datum(A, 5, "a"), tries[attempt + 1]), "send a v5 to c [s1]");
        }
        expect(plan.pushEnded(c, A, false, 700), "pause [s1] until 30700");
        expect(plan.versionChecked(A, 5, 1000));                               // paused: left alone
        expect(plan.versionChecked(A, 5, 30700), "repair a v5 over v-1", "read a"); // the pause is over
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "a"), 30700), "send a v5 to c [s1]");
        expect(plan.pushEnded(c, A, true, 30701), "mark [s1] v5");

        expect(plan.switchFlipped(false, 30800));
        expect(plan.versionChecked(A, 6, 30801));                              // switched off: held on purpose
    }
}
