package io.roster.chaos.check;

import io.roster.chaos.history.AppEvent;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.RevisionDigest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dual-published pod (interface-level item DUAL on X, application instance at the same address) while both are
 * live: the form a list should not show (the interface-level one in a view, the converted one in an old
 * subscriber's list) is allowed but not required, since the two forms travel in different datums and pushes; a list
 * holding both forms of one address is a DUPLICATE_ADDRESS. Bounds: ghost and convergence 1500 ms.
 */
class DualAddressCheckTest {
    private static final String X = "chaos.svc.0#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String Y = "chaos.svc.1#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String VX = ConvertedLists.viewOf(X);
    private static final String POD = "pod1.chaos:12200";
    private static final String PINNED = "pinned:pin0-x";
    private static final String DUAL = POD + "?dual=ap1";
    private static final Map<String, Map<String, String>> REV1 = Map.of(X, Map.of("timeout", "1000"));
    /** Serves Y only: a pod on it does not serve X application-level. */
    private static final Map<String, Map<String, String>> REV_Y = Map.of(Y, Map.of("timeout", "3000"));

    private final Checker checker = new Checker(Histories.OPTIONS);

    private static AppEvent.Instance pod(Map<String, Map<String, String>> rev, int seq) {
        List<InterfaceSpec> specs = new TreeMap<>(rev).entrySet().stream()
                .map(e -> new InterfaceSpec(e.getKey(), e.getValue())).toList();
        return new AppEvent.Instance("shop", POD, RevisionDigest.of("shop", specs), rev, Map.of("seq", "" + seq));
    }

    private static String converted(int seq) {
        return pod(REV1, seq).item(X);
    }

    private static AppEvent.Instances instances(long t, String sub, long version, String... items) {
        return new AppEvent.Instances(t, sub, X, version, List.of(items), null);
    }

    /**
     * Pinned publisher of X; old subscriber s1 of X; the dual pod published as the workload does it: instance ap1
     * at 1000, then DUAL at 1010, so that DUAL was never expected in X's view.
     */
    private static Run dualPod(Map<String, Map<String, String>> rev) {
        return new Run()
                .connected(0, "pin0", "S1").connected(0, "a0", "S1").connected(0, "c1", "S2")
                .publish(10, "pin0", X, "pin0-x", PINNED, true)
                .subscribe(30, "c1", "s1", X)
                .push(60, "s1", X, 1, PINNED)
                .steady(100)
                .add(new AppEvent.Publish(1000, "a0", "ap1", pod(rev, 1), false, 990))
                .publish(1010, "a0", X, "dual-ap1", DUAL, false)
                .push(1030, "s1", X, 2, PINNED, DUAL);
    }

    @Test
    void aViewListingTheInterfaceLevelItemBeforeTheApplicationLevelOneArrivesPasses() {
        // Flow 5e: the interface-only subscription's push comes before the app datum's; the SDK lists the live
        // interface-level item until the instance at its address is in its view, then the application-level one.
        Report r = checker.check(dualPod(REV1)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", 1, PINNED, DUAL))
                .add(instances(1300, "n1", 2, PINNED, converted(1)))
                .add(instances(5000, "n1", 3, PINNED, converted(1)))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aListMayShowTheOtherFormWhileTheDualPodsClientGoes() {
        // A close (or a dropped connection) takes the pod's two publishers from two datums, in either order: old
        // subscribers may see the converted item, new ones the interface-level item, for a moment.
        Report r = checker.check(dualPod(REV1)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", 1, PINNED, converted(1)))
                .close(3000, "a0")
                .push(3010, "s1", X, 3, PINNED, converted(1))
                .add(instances(3010, "n1", 2, PINNED, DUAL))
                .push(3030, "s1", X, 4, PINNED)
                .add(instances(3030, "n1", 3, PINNED))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aListHoldingBothFormsOfOneAddressIsADuplicateAddress() {
        Report r = checker.check(dualPod(REV1)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", 1, PINNED, DUAL, converted(1)))
                .push(1120, "s1", X, 3, PINNED, DUAL, converted(1))
                .add(instances(1300, "n1", 2, PINNED, converted(1)))
                .push(1300, "s1", X, 4, PINNED, DUAL)
                .end(8000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::dataId, Violation::t).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ViolationKind.DUPLICATE_ADDRESS, X, 1120L),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.DUPLICATE_ADDRESS, VX, 1120L));
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.detail()).contains(POD).contains(DUAL)
                .contains(converted(1)));
    }

    @Test
    void anInterfaceLevelItemWhoseAddressIsNotServedApplicationLevelIsStillRequiredInAView() {
        // The pod at DUAL's address serves Y only: X's view must list DUAL.
        Report r = checker.check(dualPod(REV_Y)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", 1, PINNED))
                .add(instances(3000, "n1", 2, PINNED))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH).singleElement()
                .satisfies(v -> {
                    assertThat(v.dataId()).isEqualTo(VX);
                    assertThat(v.detail()).contains(DUAL);
                });
    }

    @Test
    void aHiddenInterfaceLevelItemListedLongAfterItsPublicationWentIsAGhost() {
        Report r = checker.check(dualPod(REV1)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", 1, PINNED, converted(1)))
                .unpublish(2000, "a0", X, "dual-ap1") // migration done
                .add(new AppEvent.Unpublish(2100, "a0", "shop", "ap1", 2090))
                .add(instances(2120, "n1", 2, PINNED))
                .add(instances(5000, "n1", 3, PINNED, DUAL))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(VX)).extracting(Violation::kind)
                .contains(ViolationKind.GHOST).doesNotContain(ViolationKind.UNKNOWN_ITEM);
        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.GHOST).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(DUAL).contains("t=2000"));
    }
}
