package io.roster.chaos.check;

import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
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
 * Converted lists (old subscribers of an interface an application serves) and subscribeInterface listeners, judged
 * by the plain checks on the expectations {@link ConvertedLists} derives. Bounds: ghost and convergence 1500 ms.
 */
class ConvertedListsCheckTest {
    private static final String X = "chaos.svc.0#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String Y = "chaos.svc.1#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String VX = ConvertedLists.viewOf(X);
    private static final String POD = "pod1.chaos:12200";
    private static final String PINNED = "pinned:pin0-x";
    /** The interface-level item of the pod when it is published both ways. */
    private static final String DUAL = POD + "?pub=d1";

    /** Revision 1 serves X (timeout 1000); revision 2 serves X (timeout 2000) and Y: a rollout adding Y. */
    private static final Map<String, Map<String, String>> REV1 = Map.of(X, Map.of("timeout", "1000"));
    private static final Map<String, Map<String, String>> REV2 = Map.of(X, Map.of("timeout", "2000"), Y, Map.of());
    /** Revision 3 serves Y only: a rollout to it drops X. */
    private static final Map<String, Map<String, String>> REV3 = Map.of(Y, Map.of("timeout", "3000"));

    private final Checker checker = new Checker(Histories.OPTIONS);

    private static AppEvent.Instance pod(Map<String, Map<String, String>> rev, int seq) {
        List<InterfaceSpec> specs = new TreeMap<>(rev).entrySet().stream()
                .map(e -> new InterfaceSpec(e.getKey(), e.getValue())).toList();
        return new AppEvent.Instance("shop", POD, RevisionDigest.of("shop", specs), rev, Map.of("seq", "" + seq));
    }

    private static String item(Map<String, Map<String, String>> rev, int seq, String iface) {
        return pod(rev, seq).item(iface);
    }

    /** A pinned publisher of X, old subscriber s1 of X and s2 of Y; steady at 100; pod ap1 (revision 1) at 1000. */
    private static Run podOnRevision1() {
        return new Run()
                .connected(0, "pin0", "S1").connected(0, "a0", "S1").connected(0, "c1", "S2")
                .publish(10, "pin0", X, "pin0-x", PINNED, true)
                .subscribe(20, "c1", "s1", X)
                .subscribe(20, "c1", "s2", Y)
                .push(60, "s1", X, 1, PINNED)
                .push(60, "s2", Y, 1)
                .steady(100)
                .add(new AppEvent.Publish(1000, "a0", "ap1", pod(REV1, 1), false, 990))
                .push(1020, "s1", X, 2, PINNED, item(REV1, 1, X));
    }

    @Test
    void aCorrectMixedHistoryPasses() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)))
                // dual publishing: old subscribers keep the interface-level item, new ones the application-level one
                .publish(2000, "a0", X, "d1", DUAL, false)
                .push(2020, "s1", X, 3, PINNED, DUAL)
                // a rollout step: X's parameters change, Y is added
                .add(new AppEvent.Publish(3000, "a0", "ap1", pod(REV2, 2), true, 2990))
                .push(3020, "s2", Y, 2, item(REV2, 2, Y))
                .add(instances(3020, "n1", X, 2, PINNED, item(REV2, 2, X)))
                // the pod leaves application-level: the interface-level item is all that is left of it
                .add(new AppEvent.Unpublish(4000, "a0", "shop", "ap1", 3990))
                .push(4020, "s2", Y, 3)
                .add(instances(4020, "n1", X, 3, PINNED, DUAL))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
        assertThat(r.convergence().count()).isPositive();
    }

    @Test
    void aConvertedListMissingAnInstanceIsAPartialPush() {
        Report r = checker.check(new Run()
                .connected(0, "pin0", "S1").connected(0, "a0", "S1")
                .publish(10, "pin0", X, "pin0-x", PINNED, true)
                .subscribe(20, "c1", "s1", X)
                .push(60, "s1", X, 1, PINNED)
                .steady(100)
                .add(new AppEvent.Publish(1000, "a0", "ap1", pod(REV1, 1), false, 990))
                .push(2000, "s1", X, 2, PINNED)
                .push(2600, "s1", X, 3, PINNED) // past the ack + 1500
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH).singleElement()
                .satisfies(v -> {
                    assertThat(v.t()).isEqualTo(2600);
                    assertThat(v.detail()).contains("pub ap1>" + X).contains(item(REV1, 1, X))
                            .contains("missing since t=2000");
                    // the evidence shows the application call that set the expectation
                    assertThat(v.history()).anyMatch(e -> e instanceof AppEvent.Publish p && p.pub().equals("ap1"));
                });
        assertThat(r.violations()).extracting(Violation::kind).contains(ViolationKind.NOT_CONVERGED);
    }

    @Test
    void anInstanceStillListedPastTheBoundAfterItsPodLeftIsAGhost() {
        Report r = checker.check(podOnRevision1()
                .close(2000, "a0")
                .push(3400, "s1", X, 3, PINNED, item(REV1, 1, X)) // within 1500 of the close: late, not a ghost
                .push(3600, "s1", X, 4, PINNED, item(REV1, 1, X))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.GHOST).singleElement()
                .satisfies(v -> {
                    assertThat(v.t()).isEqualTo(3600);
                    assertThat(v.detail()).contains(item(REV1, 1, X)).contains("gone at t=2000");
                });
    }

    @Test
    void theItemARolloutReplacedIsAGhostPastTheBound() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Publish(2000, "a0", "ap1", pod(REV2, 2), true, 1990))
                .push(3600, "s1", X, 3, PINNED, item(REV1, 1, X))
                .end(8000).history());

        assertThat(r.violations()).extracting(Violation::kind)
                .contains(ViolationKind.GHOST, ViolationKind.PARTIAL_PUSH, ViolationKind.NOT_CONVERGED);
    }

    @Test
    void aRolloutThatAddsAnInterfaceMustReachThatInterfacesSubscribers() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Publish(2000, "a0", "ap1", pod(REV2, 2), true, 1990))
                .push(2020, "s1", X, 3, PINNED, item(REV2, 2, X))
                .push(3600, "s2", Y, 2) // Y's converted list never got the pod
                .end(8000).history());

        assertThat(r.violations()).extracting(Violation::kind, Violation::dataId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, Y),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.NOT_CONVERGED, Y));
    }

    @Test
    void dualPublishingListedTwiceIsADuplicateAddressForOldAndNewSubscribers() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)))
                .publish(2000, "a0", X, "d1", DUAL, false)
                .push(2020, "s1", X, 3, PINNED, item(REV1, 1, X), DUAL)
                .add(instances(2020, "n1", X, 2, PINNED, item(REV1, 1, X), DUAL))
                .push(3600, "s1", X, 4, PINNED, item(REV1, 1, X), DUAL)
                .end(8000).history());

        // Each list shows the address both ways. The form a list should not show is allowed alone while both are
        // live (the two travel apart), never next to the other.
        assertThat(r.violations()).extracting(Violation::kind, Violation::dataId, Violation::t).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ViolationKind.DUPLICATE_ADDRESS, X, 2020L),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.DUPLICATE_ADDRESS, VX, 2020L),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.DUPLICATE_ADDRESS, X, 3600L));
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.detail()).contains("address " + POD)
                .contains(DUAL).contains(item(REV1, 1, X)));
    }

    @Test
    void aNewSubscriberMissingTheApplicationLevelInstanceOrGoingBackIsJudgedLikeAPlainOne() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 2, PINNED))
                .add(instances(2700, "n1", X, 1, PINNED))
                .end(8000).history());

        // Evidence of the interface:X view: the application calls serving X and the view's own derived publishers.
        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(VX)).allSatisfy(v -> assertThat(v.history())
                .anyMatch(e -> e instanceof AppEvent.Publish)
                .noneMatch(e -> e instanceof Event.Publish p && !p.dataId().equals(VX)));
        assertThat(r.violations()).extracting(Violation::kind, Violation::dataId).contains(
                org.assertj.core.groups.Tuple.tuple(ViolationKind.PARTIAL_PUSH, VX),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.REGRESSION, VX),
                org.assertj.core.groups.Tuple.tuple(ViolationKind.NOT_CONVERGED, VX));
        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(X)).isEmpty();
    }

    @Test
    void aNewSubscriberThatNeverGetsThePinnedInterfaceLevelItemIsAPartialPush() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, item(REV1, 1, X)))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("pinned pub pin0-x>" + VX));
    }

    @Test
    void aFailedRolloutLeavesBothTheOldAndTheNewItemsInDoubt() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.PublishFailed(2000, "a0", "ap1", pod(REV2, 2), true, "timeout", 1990))
                .push(2020, "s1", X, 3, PINNED, item(REV2, 2, X))
                .push(5000, "s2", Y, 2)
                .push(5000, "s1", X, 4, PINNED)
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aFailedDualPublishLeavesTheConvertedItemAtItsAddressInDoubt() {
        // The session may have taken the interface-level item, which then replaces the converted one.
        Report r = checker.check(podOnRevision1()
                .publishFailed(2000, "a0", X, "d1", DUAL)
                .push(2020, "s1", X, 3, PINNED, DUAL)
                .push(5000, "s1", X, 4, PINNED, DUAL)
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aFailedApplicationPublishLeavesTheDualInterfaceLevelItemInDoubtForNewSubscribers() {
        Report r = checker.check(new Run()
                .connected(0, "a0", "S1")
                .publish(10, "a0", X, "d1", DUAL, false)
                .steady(100)
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, DUAL))
                .add(new AppEvent.PublishFailed(2000, "a0", "ap1", pod(REV1, 1), false, "timeout", 1990))
                .add(instances(2020, "n1", X, 2, item(REV1, 1, X)))
                .add(instances(5000, "n1", X, 3, item(REV1, 1, X)))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    /**
     * A dual pod (interface-level DUAL on X, instance ap1 at the same address) seen by a new subscriber n1: the
     * application-level item wins. Pinned publisher of X; steady at 100.
     */
    private static Run dualPodSeenByANewSubscriber() {
        return new Run()
                .connected(0, "pin0", "S1").connected(0, "a0", "S1").connected(0, "c1", "S2")
                .publish(10, "pin0", X, "pin0-x", PINNED, true)
                .publish(20, "a0", X, "d1", DUAL, false)
                .steady(100)
                .add(new AppEvent.Publish(1000, "a0", "ap1", pod(REV1, 1), false, 990))
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)));
    }

    @Test
    void aFailedUnpublishOfADualPodMayShowTheInterfaceLevelItemAgainToNewSubscribers() {
        // The session removed the instance, then the call threw (the SDK keeps the instance): a new subscriber's
        // view rightly falls back to the interface-level item at that address (flow 5e).
        Report r = checker.check(dualPodSeenByANewSubscriber()
                .add(new AppEvent.UnpublishFailed(2000, "a0", "shop", "ap1", "timeout", 1990))
                .add(new AppEvent.Subscribe(2100, "c1", "n2", X))
                .add(instances(2120, "n2", X, 1, PINNED, DUAL))
                .add(instances(2120, "n1", X, 2, PINNED, DUAL))
                .add(instances(5000, "n2", X, 2, PINNED, DUAL))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aFailedRolloutThatDropsAnInterfaceMayShowTheDualInterfaceLevelItemAgain() {
        // The rollout to revision 3 (no X) took effect before the call threw.
        Report r = checker.check(dualPodSeenByANewSubscriber()
                .add(new AppEvent.PublishFailed(2000, "a0", "ap1", pod(REV3, 2), true, "timeout", 1990))
                .add(instances(2020, "n1", X, 2, PINNED, DUAL))
                .add(new AppEvent.Subscribe(2100, "c1", "n2", X))
                .add(instances(2120, "n2", X, 1, PINNED, DUAL))
                .add(instances(5000, "n1", X, 3, PINNED, DUAL))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void theDoubtOfAFailedDualUnpublishEndsWithThePodsNextSuccessfulCall() {
        // A rollout that keeps X succeeds: the instance is back, so a new subscriber must list it again; the
        // interface-level item alone past the bound is a partial push (the application-level item is required).
        Report r = checker.check(dualPodSeenByANewSubscriber()
                .add(new AppEvent.UnpublishFailed(2000, "a0", "shop", "ap1", "timeout", 1990))
                .add(instances(2020, "n1", X, 2, PINNED, DUAL))
                .add(new AppEvent.Publish(3000, "a0", "ap1", pod(REV2, 2), true, 2990))
                .add(instances(5000, "n1", X, 3, PINNED, DUAL))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(VX)).extracting(Violation::kind)
                .contains(ViolationKind.PARTIAL_PUSH)
                .doesNotContain(ViolationKind.GHOST, ViolationKind.UNKNOWN_ITEM, ViolationKind.DUPLICATE_ADDRESS);
        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(item(REV2, 2, X)).doesNotContain(DUAL));
    }

    @Test
    void aFailedDualPublishDoesNotExcuseANewSubscriberThatNeverListsTheInstanceAgain() {
        // Whether or not the session took the interface-level item, the application-level one wins in the view:
        // the instance must stay there.
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)))
                .publishFailed(2000, "a0", X, "d1", DUAL)
                .push(2020, "s1", X, 3, PINNED, DUAL)
                .add(instances(2020, "n1", X, 2, PINNED))
                .add(instances(5000, "n1", X, 3, PINNED))
                .push(5000, "s1", X, 4, PINNED, DUAL)
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH).singleElement()
                .satisfies(v -> {
                    assertThat(v.dataId()).isEqualTo(VX);
                    assertThat(v.detail()).contains("pub ap1>" + VX).contains(item(REV1, 1, X));
                });
        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(X)).isEmpty();
    }

    @Test
    void aFailedDualPublishDoesNotExcuseAnOldSubscriberStillListingTheReplacedInstance() {
        // The doubt on the converted item lasts until it goes: the pod's rollout replaces it.
        Report r = checker.check(podOnRevision1()
                .publishFailed(2000, "a0", X, "d1", DUAL)
                .push(2020, "s1", X, 3, PINNED, item(REV1, 1, X))
                .add(new AppEvent.Publish(3000, "a0", "ap1", pod(REV2, 2), true, 2990))
                .push(5000, "s1", X, 4, PINNED, item(REV1, 1, X), item(REV2, 2, X))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.GHOST).singleElement()
                .satisfies(v -> {
                    assertThat(v.dataId()).isEqualTo(X);
                    assertThat(v.detail()).contains(item(REV1, 1, X)).contains("gone at t=3000");
                });
    }

    @Test
    void aFailedUnpublishOfADualPublisherDoesNotExcuseANewSubscriberLosingTheInstance() {
        // The session may have dropped the interface-level item, which un-hides the converted one for old
        // subscribers (in doubt on X); the view lists the instance either way.
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)))
                .publish(2000, "a0", X, "d1", DUAL, false)
                .push(2020, "s1", X, 3, PINNED, DUAL)
                .unpublishFailed(3000, "a0", X, "d1")
                .push(3020, "s1", X, 4, PINNED, item(REV1, 1, X))
                .add(instances(3020, "n1", X, 2, PINNED))
                .add(instances(6000, "n1", X, 3, PINNED))
                .end(8000).history());

        assertThat(r.violations()).filteredOn(v -> v.kind() == ViolationKind.PARTIAL_PUSH)
                .extracting(Violation::dataId, Violation::t).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VX, 3020L), org.assertj.core.groups.Tuple.tuple(VX, 6000L));
        assertThat(r.violations()).filteredOn(v -> v.dataId().equals(X)).isEmpty();
    }

    @Test
    void aFailedPlainCallCastsItsDoubtOnTheCopyOfItsItemInTheViewToo() {
        // Doubts hold per dataId: a plain publish on X that threw may have been taken, and then new subscribers see
        // its item too; a plain unpublish that threw may have dropped the item for them as well.
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(instances(1120, "n1", X, 1, PINNED, item(REV1, 1, X)))
                .publishFailed(2000, "a0", X, "p2", "other.host:1?pub=p2")
                .push(2020, "s1", X, 3, PINNED, item(REV1, 1, X), "other.host:1?pub=p2")
                .add(instances(2020, "n1", X, 2, PINNED, item(REV1, 1, X), "other.host:1?pub=p2"))
                .publish(3000, "a0", X, "p3", "other.host:2?pub=p3", false)
                .push(3020, "s1", X, 4, PINNED, item(REV1, 1, X), "other.host:1?pub=p2", "other.host:2?pub=p3")
                .add(instances(3020, "n1", X, 3, PINNED, item(REV1, 1, X), "other.host:1?pub=p2",
                        "other.host:2?pub=p3"))
                .unpublishFailed(4000, "a0", X, "p3")
                .push(4020, "s1", X, 5, PINNED, item(REV1, 1, X), "other.host:1?pub=p2")
                .add(instances(4020, "n1", X, 4, PINNED, item(REV1, 1, X), "other.host:1?pub=p2"))
                .add(instances(7000, "n1", X, 5, PINNED, item(REV1, 1, X), "other.host:1?pub=p2"))
                .end(8000).history());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aListenerCallCountsAsAPush() {
        Report r = checker.check(podOnRevision1()
                .add(new AppEvent.Subscribe(1100, "c1", "n1", X))
                .add(new AppEvent.Instances(1120, "n1", X, 1, List.of(PINNED, item(REV1, 1, X)), 80))
                .end(8000).history());

        assertThat(r.counts().pushes()).isEqualTo(4); // three plain pushes and the listener call
    }

    @Test
    void anInterfaceNoApplicationServesIsJudgedAsBefore() {
        Run plain = new Run()
                .publish(10, "pin0", Y, "pin0-y", "pinned:y", true)
                .subscribe(20, "c1", "s2", Y)
                .push(60, "s2", Y, 1, "pinned:y")
                .steady(100)
                .push(2000, "s2", Y, 2)
                .end(8000);
        Report without = checker.check(plain.history());
        Report with = checker.check(plain.add(new AppEvent.Publish(1000, "a0", "ap1", pod(REV1, 1), false, 990))
                .history());

        assertThat(with.violations()).extracting(Violation::kind, Violation::detail)
                .isEqualTo(without.violations().stream().map(v -> org.assertj.core.groups.Tuple.tuple(v.kind(),
                        v.detail())).toList());
        assertThat(without.violations()).isNotEmpty();
    }

    private static AppEvent.Instances instances(long t, String sub, String iface, long version, String... items) {
        return new AppEvent.Instances(t, sub, iface, version, List.of(items), null);
    }
}
