package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.Event.Phase;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completeness of publishers that are not pinned, on histories built in code. Bounds: lease 1000, ghost and
 * convergence 1500.
 */
class CompletenessEdgeCasesTest {
    private static final String S1 = "127.0.0.1:9601";
    private static final String S2 = "127.0.0.1:9602";

    private final Checker checker = new Checker(Histories.OPTIONS);

    /** c3 (on S1) publishes p3 at 200; c2 (on S2) subscribes s1, which holds p3-1 at 250. Steady at 100. */
    private static Run unpinnedOnS1() {
        return new Run()
                .connected(0, "c2", S2).connected(0, "c3", S1)
                .subscribe(20, "c2", "s1", "d1")
                .push(60, "s1", "d1", 1)
                .steady(100)
                .publish(200, "c3", "d1", "p3", "p3-1", false)
                .push(250, "s1", "d1", 2, "p3-1");
    }

    @Test
    void itemHeldWhenAnUnpublishFailedIsInDoubtUntilThePublisherMovesOn() {
        Report r = checker.check(unpinnedOnS1()
                .unpublishFailed(1000, "c3", "d1", "p3")
                .push(1050, "s1", "d1", 3)
                .push(2000, "s1", "d1", 4) // the session may have taken the unpublish: not judged
                .unpublish(2100, "c3", "d1", "p3")
                .push(2150, "s1", "d1", 5)
                .end(5000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void withoutTheFailedUnpublishTheSameAbsenceIsAPartialPush() {
        Report r = checker.check(unpinnedOnS1()
                .push(1050, "s1", "d1", 3)
                .push(2000, "s1", "d1", 4)
                .unpublish(2100, "c3", "d1", "p3")
                .push(2150, "s1", "d1", 5)
                .end(5000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::t)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, 2000L));
    }

    @Test
    void unpinnedItemOfASessionPausedPastTheLeaseIsExcusedUntilItsClientMoved() {
        Report r = checker.check(unpinnedOnS1()
                .fault(2000, "pause", "session", S1, Phase.START)
                .push(3100, "s1", "d1", 3) // after 2000 + lease: excused
                .connected(3500, "c3", S2)
                .push(5000, "s1", "d1", 4) // 3500 + 1500: the last moment excused
                .push(5001, "s1", "d1", 5)
                .fault(6000, "pause", "session", S1, Phase.END)
                .push(6100, "s1", "d1", 6, "p3-1")
                .end(9000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH)
                .extracting(Violation::t).containsExactly(5001L);
        assertThat(r.excusedAbsences()).singleElement().satisfies(a -> {
            assertThat(a.excuse()).isEqualTo("pause-session");
            assertThat(a.pub()).isEqualTo("p3");
            assertThat(a.absentMs()).isEqualTo(1900);
            assertThat(a.missingPushes()).isEqualTo(2);
        });
    }

    @Test
    void dropExcusesOnlyTheItemsItsClientHeldThen() {
        Report r = checker.check(unpinnedOnS1()
                .connected(0, "c4", S2)
                .publish(300, "c4", "d1", "p4", "p4-1", false)
                .push(350, "s1", "d1", 3, "p3-1", "p4-1")
                .fault(2000, "drop", "client", "c4", Phase.START)
                .fault(2000, "drop", "client", "c4", Phase.END)
                .push(2100, "s1", "d1", 4, "p4-1") // p3-1 missing: c3 was not dropped
                .push(2200, "s1", "d1", 5, "p3-1") // p4-1 missing: excused by c4's drop
                .push(2300, "s1", "d1", 6, "p3-1", "p4-1")
                .end(5000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::t)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, 2100L));
        assertThat(r.excusedAbsences()).singleElement().satisfies(a -> {
            assertThat(a.excuse()).isEqualTo("drop-client");
            assertThat(a.item()).isEqualTo("p4-1");
        });
    }

    @Test
    void absenceOnceTheWithdrawingCallStartedIsNotJudged() {
        // The unpublish returned at 2500 but started at 2000: the session may have acted on it at once.
        Report r = checker.check(unpinnedOnS1()
                .push(1999, "s1", "d1", 3)
                .push(2000, "s1", "d1", 4)
                .add(new Event.Unpublish(2500, "c3", "d1", "p3", 2000))
                .end(5000).history());

        assertThat(r.violations()).extracting(Violation::t).containsExactly(1999L);
    }

    @Test
    void anAbsenceIsSetDownToTheLatestDropThatExcusesIt() {
        Report r = checker.check(unpinnedOnS1()
                .fault(2000, "drop", "client", "c3", Phase.START)
                .fault(2000, "drop", "client", "c3", Phase.END)
                .push(2100, "s1", "d1", 3, "p3-1")
                .fault(2500, "drop", "client", "c3", Phase.START)
                .fault(2500, "drop", "client", "c3", Phase.END)
                .push(2600, "s1", "d1", 4)
                .push(2700, "s1", "d1", 5, "p3-1")
                .end(5000).history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.excusedAbsences()).singleElement().satisfies(a -> assertThat(a.faultAt()).isEqualTo(2500));
    }
}
