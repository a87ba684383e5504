package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.ExcusedAbsence;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker against the recorded histories, one broken promise each (or none). */
class CheckerRecordedHistoriesTest {
    private final Checker checker = new Checker(Histories.OPTIONS);

    private Report check(String name) {
        return checker.check(Histories.load(name));
    }

    @Test
    void cleanRunPassesWithItsConvergenceFigures() {
        Report r = check("clean");

        assertThat(r.violations()).isEmpty();
        assertThat(r.passed()).isTrue();
        // d1: subscribe s1 40, publish p2 80, subscribe s2 30, two republishes 120 and 100 (the first superseded,
        // timed from its own t), unpublish 150; d2: subscribe s3 40, close of c3 50. The first publish of each
        // dataId found nobody subscribed.
        assertThat(r.convergence().count()).isEqualTo(8);
        assertThat(r.convergence().p50Ms()).isEqualTo(50);
        assertThat(r.convergence().p99Ms()).isEqualTo(150);
        assertThat(r.convergence().maxMs()).isEqualTo(150);
        assertThat(r.convergence().unwatched()).isEqualTo(2);
        assertThat(r.counts().pushes()).isEqualTo(10);
        assertThat(r.counts().pushBytes()).isEqualTo(200);
        assertThat(r.counts().eventsByType()).containsEntry("publish", 5L).containsEntry("push", 10L)
                .containsEntry("connected", 3L).containsEntry("close", 1L).containsEntry("fault", 2L);
        assertThat(r.counts().faultsByKind()).containsExactlyEntriesOf(java.util.Map.of("kill-data", 1L));
        assertThat(r.counts().uncertainItems()).isZero();
        assertThat(r.excusedAbsences()).isEmpty();
        assertThat(r.steadyAt()).isEqualTo(100L);
        assertThat(r.quiesceAt()).isEqualTo(1300L);
        assertThat(r.endAt()).isEqualTo(2000L);
    }

    @Test
    void pushLackingAPinnedItemAfterSteadyIsAPartialPush() {
        Report r = check("partial");

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.PARTIAL_PUSH);
        Violation v = r.violations().get(0);
        assertThat(v.dataId()).isEqualTo("d1");
        assertThat(v.sub()).isEqualTo("s1");
        assertThat(v.t()).isEqualTo(260);
        assertThat(v.detail()).startsWith("push v3 to sub s1 at t=260 lacks pinned pub p1 item \"p1-1\"");
        // The empty push at t=40 came before steady: not judged.
        assertThat(v.history()).contains(
                new Event.Push(260, "s1", "d1", 3, java.util.List.of("p2-1"), null),
                new Event.Publish(10, "c1", "d1", "p1", "p1-1", true),
                new Event.Steady(100));
    }

    @Test
    void versionGoingBackForOneSubscriberIsARegression() {
        Report r = check("regression");

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.REGRESSION);
        Violation v = r.violations().get(0);
        assertThat(v.dataId()).isEqualTo("d1");
        assertThat(v.sub()).isEqualTo("s1");
        assertThat(v.t()).isEqualTo(260);
        assertThat(v.detail()).isEqualTo("push v6 to sub s1 at t=260 went back from v7 pushed at t=250");
        assertThat(v.history()).filteredOn(e -> e instanceof Event.Push p && p.sub().equals("s1"))
                .extracting(Event::t).containsExactly(60L, 250L, 260L, 270L);
    }

    @Test
    void itemPushedPastTheGhostBoundIsAGhostButNotWithinIt() {
        Report r = check("ghost");

        // The ghost also kept d1 from converging: 1700 ms after the unpublish, past the 1500 ms bound.
        assertThat(r.violations()).extracting(Violation::kind)
                .containsExactly(ViolationKind.NOT_CONVERGED, ViolationKind.GHOST);
        Violation ghost = r.violations().get(1);
        assertThat(ghost.dataId()).isEqualTo("d1");
        assertThat(ghost.sub()).isEqualTo("s1");
        assertThat(ghost.t()).isEqualTo(2600); // not the push at t=2000, inside 1000 + 1500
        assertThat(ghost.detail()).isEqualTo("push v3 to sub s1 at t=2600 still has item \"p2-1\" of pub p2, gone at"
                + " t=1000 by unpublish (ghost bound 1500 ms)");
        assertThat(ghost.history()).contains(new Event.Unpublish(1000, "c2", "d1", "p2"));

        Violation late = r.violations().get(0);
        assertThat(late.t()).isEqualTo(1000);
        assertThat(late.sub()).isEqualTo("s1");
        assertThat(late.detail()).startsWith("unpublish of pub p2 (item \"p2-1\") at t=1000 on d1 converged only"
                + " after 1700 ms at t=2700 (bound 1500 ms); at t=2500 sub s1 (last push v2 at t=2000) had extra"
                + " \"p2-1\"");
    }

    @Test
    void changeOneSubscriberNeverSeesIsNotConverged() {
        Report r = check("notconverged");

        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.NOT_CONVERGED);
        Violation v = r.violations().get(0);
        assertThat(v.dataId()).isEqualTo("d1");
        assertThat(v.sub()).isEqualTo("s2");
        assertThat(v.t()).isEqualTo(500);
        assertThat(v.detail()).isEqualTo("publish of pub p2 item \"p2-1\" at t=500 on d1 did not converge by the end"
                + " at t=5000 (waited 4500 ms, bound 1500 ms); at t=5000 sub s2 (last push v1 at t=65) lacked"
                + " \"p2-1\"");
        // From 5 s before the change to 1 s after its deadline.
        assertThat(v.history()).extracting(Event::t).containsExactly(0L, 0L, 0L, 10L, 20L, 25L, 60L, 65L, 100L,
                500L, 560L, 600L);
        // The subscribe changes before converged in 40 and 45 ms.
        assertThat(r.convergence().count()).isEqualTo(2);
        assertThat(r.convergence().maxMs()).isEqualTo(45);
    }

    @Test
    void pinnedItemOfASessionPausedPastTheLeaseIsExcusedUntilItsClientMoved() {
        Report r = check("excused");

        assertThat(r.violations()).isEmpty();
        assertThat(r.excusedAbsences()).containsExactly(new ExcusedAbsence("d1", "p1", "c1", "p1-1",
                "pause-session", "127.0.0.1:9601", 1000, 2000, 2100, 2600, 500, 3));
        // s1's subscribe, and p3's publish while p1-1 was excused.
        assertThat(r.convergence().count()).isEqualTo(2);
        assertThat(r.convergence().maxMs()).isEqualTo(100);
    }

    @Test
    void uncertainItemsAreNeverJudged() {
        Report r = check("uncertain");

        assertThat(r.violations()).isEmpty();
        assertThat(r.counts().uncertainItems()).isEqualTo(3);
        assertThat(r.counts().eventsByType()).containsEntry("publishFailed", 3L);
        // s1's subscribe, p3's publish, p4's publish after its failed first call, p4's unpublish.
        assertThat(r.convergence().count()).isEqualTo(4);
    }

    @Test
    void acknowledgedUnpinnedPublisherMissingAfterTheBoundIsAPartialPush() {
        Report r = check("unpinned-missing");

        // p2-1 was acked at t=200: the push at t=1000 lacks it within the bound (200 + 1500), the one at 1800 not.
        // No change was pending then, so convergence alone would not have seen it.
        assertThat(r.violations()).extracting(Violation::kind).containsExactly(ViolationKind.PARTIAL_PUSH);
        Violation v = r.violations().get(0);
        assertThat(v.t()).isEqualTo(1800);
        assertThat(v.sub()).isEqualTo("s1");
        assertThat(v.detail()).isEqualTo("push v4 to sub s1 at t=1800 lacks pub p2 item \"p2-1\" (client c2) acked at"
                + " t=200, required from t=1700, missing since t=1000 (800 ms)");
        assertThat(r.excusedAbsences()).isEmpty();
    }

    @Test
    void acknowledgedUnpinnedPublishersPresentInEveryPushPass() {
        Report r = check("unpinned-present");

        // p2's republish and c3's close end their items; what is still published is in every push.
        assertThat(r.violations()).isEmpty();
        assertThat(r.excusedAbsences()).isEmpty();
    }

    @Test
    void publisherDroppedAndReAddedIsExcusedWithinTheBoundAndAViolationPastIt() {
        Report r = check("drop-readd");

        // Drop at 2000: p3-1 back at 2400, excused. Drop at 5000: still missing at 6600, past 5000 + 1500.
        assertThat(r.violations()).extracting(Violation::kind, Violation::t)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, 6600L));
        assertThat(r.violations().get(0).detail()).isEqualTo("push v7 to sub s1 at t=6600 lacks pub p3 item"
                + " \"p3-1\" (client c3) acked at t=200, required from t=1700, missing since t=5100 (1500 ms)");
        assertThat(r.excusedAbsences()).containsExactly(
                new ExcusedAbsence("d1", "p3", "c3", "p3-1", "drop-client", "c3", 2000, 0, 2050, 2050, 0, 1),
                new ExcusedAbsence("d1", "p3", "c3", "p3-1", "drop-client", "c3", 5000, 0, 5100, 6400, 1300, 2));
        assertThat(r.counts().faultsByKind()).containsExactlyEntriesOf(java.util.Map.of("drop-client", 2L));
    }
}
