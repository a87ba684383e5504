package io.roster.chaos.check;

import io.roster.chaos.history.Event.Phase;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edges of each check, on histories built in code. Bounds: lease 1000, ghost and convergence 1500. */
class CheckerEdgeCasesTest {
    private static final String S1 = "127.0.0.1:9601";
    private static final String S2 = "127.0.0.1:9602";

    private final Checker checker = new Checker(Histories.OPTIONS);

    /** c1 pins p1 on d1 through session S1; c2 (on S2) subscribes s1 and pins p2. Steady at 100. */
    private static Run pinnedOnPausedSession() {
        return new Run()
                .connected(0, "c1", S1).connected(0, "c2", S2)
                .publish(10, "c1", "d1", "p1", "p1-1", true)
                .publish(12, "c2", "d1", "p2", "p2-1", true)
                .subscribe(20, "c2", "s1", "d1")
                .push(60, "s1", "d1", 1, "p1-1", "p2-1")
                .steady(100)
                .fault(1000, "pause", "session", S1, Phase.START);
    }

    @Test
    void pushesAfterTheEndAreNotJudged() {
        // The run closes its clients after `end`; the pinned ones last, but a push can still land after end.
        Report r = checker.check(pinnedOnPausedSession()
                .fault(1500, "pause", "session", S1, Phase.END)
                .end(6000)
                .push(6043, "s1", "d1", 9, "p2-1").history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.counts().pushes()).isEqualTo(1);
    }

    @Test
    void absenceBeforeTheLeaseRanOutIsNotExcused() {
        Report r = checker.check(pinnedOnPausedSession()
                .push(1900, "s1", "d1", 2, "p2-1")
                .push(2100, "s1", "d1", 3, "p2-1")
                .connected(2500, "c1", S2)
                .push(2600, "s1", "d1", 4, "p1-1", "p2-1")
                .fault(3000, "resume", "session", S1, Phase.END)
                .end(6000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::t)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, 1900L));
        assertThat(r.excusedAbsences()).singleElement()
                .satisfies(a -> assertThat(a.firstMissingAt()).isEqualTo(2100));
    }

    @Test
    void absenceOutlastingTheMovePlusTheGhostBoundIsAPartialPush() {
        Report r = checker.check(pinnedOnPausedSession()
                .push(2100, "s1", "d1", 2, "p2-1")
                .connected(2500, "c1", S2)
                .push(4000, "s1", "d1", 3, "p2-1") // the last moment excused: 2500 + 1500
                .push(4001, "s1", "d1", 4, "p2-1")
                .fault(5000, "pause", "session", S1, Phase.END)
                .push(5100, "s1", "d1", 5, "p1-1", "p2-1")
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH)
                .singleElement().satisfies(v -> {
                    assertThat(v.t()).isEqualTo(4001);
                    assertThat(v.detail()).contains("pub p1 item \"p1-1\" (client c1)");
                });
        assertThat(r.excusedAbsences()).singleElement().satisfies(a -> {
            assertThat(a.faultMs()).isEqualTo(4000);
            assertThat(a.absentMs()).isEqualTo(1900);
            assertThat(a.missingPushes()).isEqualTo(2);
        });
    }

    @Test
    void pauseNoLongerThanTheLeaseExcusesNothing() {
        Report r = checker.check(pinnedOnPausedSession()
                .fault(2000, "pause", "session", S1, Phase.END) // exactly the lease
                .push(2100, "s1", "d1", 2, "p2-1")
                .push(2200, "s1", "d1", 3, "p1-1", "p2-1")
                .end(5000).history());

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.PARTIAL_PUSH);
        assertThat(r.excusedAbsences()).isEmpty();
    }

    @Test
    void pinnedItemIsOnlyRequiredWhileItsClientLives() {
        Report r = checker.check(new Run()
                .publish(10, "c1", "d1", "p1", "p1-1", true)
                .subscribe(20, "c2", "s1", "d1")
                .push(60, "s1", "d1", 1, "p1-1")
                .steady(100)
                .close(500, "c1")
                .push(550, "s1", "d1", 2)
                .end(3000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void withoutSteadyNothingIsRequired() {
        Report r = checker.check(new Run()
                .publish(10, "c1", "d1", "p1", "p1-1", true)
                .subscribe(20, "c2", "s1", "d1")
                .push(60, "s1", "d1", 1, "p1-1")
                .push(70, "s1", "d1", 2)
                .push(80, "s1", "d1", 3, "p1-1")
                .end(3000).history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.steadyAt()).isNull();
    }

    @Test
    void everyPushBelowTheHighestVersionIsARegression() {
        Report r = checker.check(new Run()
                .subscribe(0, "c1", "s1", "d1")
                .push(10, "s1", "d1", 5).push(20, "s1", "d1", 3).push(30, "s1", "d1", 4).push(40, "s1", "d1", 5)
                .end(100).history());

        assertThat(r.violations()).extracting(Violation::t).containsExactly(20L, 30L);
        assertThat(r.violations().get(1).detail()).isEqualTo("push v4 to sub s1 at t=30 went back from v5 pushed"
                + " at t=10");
    }

    @Test
    void republishedAndClosedItemsBecomeGhostsToo() {
        Report r = checker.check(new Run()
                .subscribe(0, "c9", "s1", "d1")
                .publish(10, "c1", "d1", "p1", "p1-1", false)
                .publish(10, "c2", "d1", "p2", "p2-1", false)
                .push(50, "s1", "d1", 1, "p1-1", "p2-1")
                .publish(100, "c1", "d1", "p1", "p1-2", false)
                .close(100, "c2")
                .push(1600, "s1", "d1", 2, "p1-1", "p1-2", "p2-1") // 100 + 1500: still within
                .push(1601, "s1", "d1", 3, "p1-1", "p1-2", "p2-1")
                .push(1650, "s1", "d1", 4, "p1-2")
                .end(5000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.GHOST).singleElement()
                .satisfies(v -> assertThat(v.detail()).isEqualTo("push v3 to sub s1 at t=1601 still has item"
                        + " \"p1-1\" of pub p1, gone at t=100 by republish as \"p1-2\"; item \"p2-1\" of pub p2,"
                        + " gone at t=100 by close of client c2 (ghost bound 1500 ms)"));
    }

    @Test
    void itemOfAnotherDataIdIsUnknown() {
        Report r = checker.check(new Run()
                .publish(10, "c1", "d2", "p1", "p1-1", false)
                .subscribe(20, "c2", "s1", "d1")
                .push(60, "s1", "d1", 1, "p1-1", "made-up")
                .push(70, "s1", "d1", 2)
                .end(3000).history());

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.UNKNOWN_ITEM);
        assertThat(r.violations().get(0).detail()).isEqualTo("push v1 to sub s1 at t=60 of d1 has item \"p1-1\" of"
                + " pub p1 published under d2; item \"made-up\", never published");
    }

    @Test
    void itemHeldWhenARepublishFailedIsJudgedAgainOnceThePublisherMovesOn() {
        Report r = checker.check(new Run()
                .subscribe(0, "c9", "s1", "d1")
                .publish(10, "c1", "d1", "p1", "p1-1", false)
                .push(50, "s1", "d1", 1, "p1-1")
                .publishFailed(100, "c1", "d1", "p1", "p1-2")
                .push(150, "s1", "d1", 2, "p1-2")   // p1-1 may have been replaced: fine
                .publish(200, "c1", "d1", "p1", "p1-3", false)
                .push(250, "s1", "d1", 3, "p1-3")
                .push(1800, "s1", "d1", 4, "p1-1", "p1-3") // 1600 ms after p1-1 surely went
                .push(1900, "s1", "d1", 5, "p1-2", "p1-3") // the failed item: never judged
                .end(5000).history());

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.GHOST);
        assertThat(r.violations().get(0).detail()).contains("item \"p1-1\" of pub p1, gone at t=200");
        assertThat(r.counts().uncertainItems()).isEqualTo(1);
    }

    @Test
    void subscriberThatNeverGetsAPushKeepsItsDataIdFromConverging() {
        Report r = checker.check(new Run()
                .subscribe(0, "c1", "s1", "d1")
                .subscribe(0, "c2", "s2", "d1")
                .push(30, "s1", "d1", 1)
                .end(3000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::sub).containsOnly(
                org.assertj.core.groups.Tuple.tuple(ViolationKind.NOT_CONVERGED, "s2"));
        assertThat(r.violations()).hasSize(2); // one per subscribe
        assertThat(r.violations().get(1).detail()).endsWith("at t=3000 sub s2 had no push yet");
    }

    @Test
    void unsubscribingTheLaggardLetsTheDataIdConverge() {
        Report r = checker.check(new Run()
                .subscribe(0, "c1", "s1", "d1")
                .subscribe(0, "c2", "s2", "d1")
                .push(30, "s1", "d1", 1)
                .unsubscribe(400, "s2")
                .end(3000).history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.convergence().count()).isEqualTo(2);
        assertThat(r.convergence().maxMs()).isEqualTo(400);
    }

    @Test
    void changeWithNobodySubscribedIsLeftOutOfTheFigures() {
        Report r = checker.check(new Run()
                .publish(10, "c1", "d1", "p1", "p1-1", false)
                .unpublish(20, "c1", "d1", "p1")
                .end(3000).history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.convergence().count()).isZero();
        assertThat(r.convergence().unwatched()).isEqualTo(2);
    }
}
