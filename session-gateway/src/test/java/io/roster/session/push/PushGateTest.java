package io.roster.session.push;

import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.roster.session.push.PlanDriver.datum;
import static io.roster.session.push.PlanDriver.id;
import static org.assertj.core.api.Assertions.assertThat;

/** The push plan's gate as tables: gray push while the switch is off, and this session's own stop-push. */
class PushGateTest {
    private static final String A = id("a");
    private static final Set<String> GRAY = Set.of("10.0.0.7");

    private PlanDriver d;
    private PushPlan plan;
    private ConnectionHandle plain;
    private ConnectionHandle gray;
    private SubscriberRecord s1;
    private SubscriberRecord s2;

    @BeforeEach
    void setUp() {
        d = new PlanDriver(0, 256);
        plan = d.plan;
        plain = d.connectionFrom("c1", "10.0.0.5");
        gray = d.connectionFrom("c2", "10.0.0.7");
        s1 = d.subscribe("s1", A, plain);
        s2 = d.subscribe("s2", A, gray);
    }

    private void expect(List<PushCommand> commands, String... lines) {
        assertThat(d.step(commands)).containsExactly(lines);
    }

    @Test
    void withTheSwitchOffOnlyGrayIpsArePushedAndTheOthersGetTheLatestWhenItIsOn() {
        expect(plan.switchFlipped(false, 0));
        expect(plan.gateChanged(GRAY, false, 0));
        expect(plan.changeNotice(A, 1), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "new"), 2), "send a v5 to c2 [s2]");
        expect(plan.pushEnded(gray, A, true, 3), "mark [s2] v5");
        assertThat(plan.heldCount()).as("held for c1").isEqualTo(1);
        assertThat(plan.enabled()).isFalse();

        expect(plan.switchFlipped(true, 10), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 6, "newer"), 11), "send a v6 to c1 [s1]", "send a v6 to c2 [s2]");
        assertThat(plan.heldCount()).isZero();
    }

    @Test
    void grayIpsAddedWhileTheSwitchIsOffGetTheHeldChangesAtOnce() {
        expect(plan.switchFlipped(false, 0));
        expect(plan.changeNotice(A, 1));                          // nobody may be pushed: not even read
        expect(plan.gateChanged(GRAY, false, 2), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 5, "x"), 3), "send a v5 to c2 [s2]");
        expect(plan.versionChecked(A, 5, 500));                   // c1 is held on purpose: no repair
        expect(plan.gateChanged(Set.of(), false, 600));           // gray off again: nothing more to anyone
        expect(plan.changeNotice(A, 601));
    }

    @Test
    void stopPushHoldsEverythingGrayIncludedUntilStartedAgain() {
        expect(plan.switchFlipped(false, 0));
        expect(plan.gateChanged(GRAY, true, 0));
        expect(plan.changeNotice(A, 1));
        expect(plan.subscribed(s2, 2));
        expect(plan.switchFlipped(true, 3));                      // the switch on does not start a stopped session
        expect(plan.changeNotice(A, 4));
        assertThat(plan.heldCount()).isEqualTo(1);

        expect(plan.gateChanged(GRAY, false, 10), "read a");
        expect(plan.datumRead(d.roundOf(A), datum(A, 7, "x"), 11), "send a v7 to c1 [s1]", "send a v7 to c2 [s2]");
    }
}
