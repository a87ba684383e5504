package io.roster.tools.app;

import io.roster.client.ApplicationMetadata;
import io.roster.client.ApplicationPublication;
import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hard cases of application-level discovery on a real standalone node, each seen both by an interface-level
 * subscriber (today's {@code subscribe}, as every older SDK does) and by an application-level one
 * ({@code subscribeInterface}).
 */
@Timeout(120)
class AppLevelDiscoveryTest {
    private static final String ECHO = "com.example.EchoService";
    private static final String PAY = "com.example.PayService";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private static ApplicationMetadata echoAndPay(String echoTimeout, String payTimeout) {
        return ApplicationMetadata.builder()
                .addInterface(ECHO, Map.of("timeout", echoTimeout))
                .addInterface(PAY, Map.of("timeout", payTimeout))
                .build();
    }

    private static ApplicationMetadata echoOnly(String echoTimeout) {
        return ApplicationMetadata.builder().addInterface(ECHO, Map.of("timeout", echoTimeout)).build();
    }

    @Test
    void twoInterfacesOfOneAppKeepTheirOwnParameters() {
        cluster.client("orders").publishApplication("orders", "10.0.0.1:12200", echoAndPay("3000", "500"));
        RosterClient consumer = cluster.client("consumer");
        PushRecorder oldEcho = new PushRecorder();
        PushRecorder oldPay = new PushRecorder();
        consumer.subscribe(ECHO, oldEcho::onData);
        consumer.subscribe(PAY, oldPay::onData);
        InterfaceRecorder newEcho = new InterfaceRecorder();
        InterfaceRecorder newPay = new InterfaceRecorder();
        consumer.subscribeInterface(ECHO, newEcho::onInstances);
        consumer.subscribeInterface(PAY, newPay::onInstances);

        await().until(() -> List.of("10.0.0.1:12200?timeout=3000").equals(oldEcho.lastData()));
        await().until(() -> List.of("10.0.0.1:12200?timeout=500").equals(oldPay.lastData()));
        await().until(() -> Set.of("10.0.0.1:12200?timeout=3000").equals(newEcho.lastItems()));
        await().until(() -> Set.of("10.0.0.1:12200?timeout=500").equals(newPay.lastItems()));
        assertThat(newPay.last().instances().get(0).params()).containsEntry("timeout", "500");
        assertThat(newPay.last().instances().get(0).app()).isEqualTo("orders");
    }

    @Test
    void aConsumerOfAnInterfaceOnlyOnePodServesNeverGetsTheOtherPod() {
        cluster.client("pod-1").publishApplication("orders", "10.0.0.1:1", echoAndPay("3000", "500"));
        cluster.client("pod-2").publishApplication("orders", "10.0.0.2:1", echoOnly("3000"));
        RosterClient consumer = cluster.client("consumer");
        PushRecorder oldPay = new PushRecorder();
        PushRecorder oldEcho = new PushRecorder();
        consumer.subscribe(PAY, oldPay::onData);
        consumer.subscribe(ECHO, oldEcho::onData);
        InterfaceRecorder newPay = new InterfaceRecorder();
        consumer.subscribeInterface(PAY, newPay::onInstances);

        await().until(() -> oldEcho.lastData() != null && oldEcho.lastData().size() == 2);
        await().until(() -> List.of("10.0.0.1:1?timeout=500").equals(oldPay.lastData()));
        await().until(() -> Set.of("10.0.0.1:1?timeout=500").equals(newPay.lastItems()));
        assertThat(oldPay.deliveries()).allSatisfy(d -> assertThat(String.join(",", d.data())).doesNotContain("10.0.0.2"));
        assertThat(newPay.deliveries()).allSatisfy(d -> assertThat(d.addresses()).doesNotContain("10.0.0.2:1"));
    }

    @Test
    void aRolloutFromOneRevisionToAnotherNeverLeavesTheInterfaceWithoutAProvider() {
        List<ApplicationPublication> pods = List.of(
                cluster.client("pod-1").publishApplication("orders", "10.0.0.1:1", echoOnly("3000")),
                cluster.client("pod-2").publishApplication("orders", "10.0.0.2:1", echoOnly("3000")));
        RosterClient consumer = cluster.client("consumer");
        PushRecorder oldEcho = new PushRecorder();
        PushRecorder oldPay = new PushRecorder();
        consumer.subscribe(ECHO, oldEcho::onData);
        consumer.subscribe(PAY, oldPay::onData);
        InterfaceRecorder newEcho = new InterfaceRecorder();
        InterfaceRecorder newPay = new InterfaceRecorder();
        consumer.subscribeInterface(ECHO, newEcho::onInstances);
        consumer.subscribeInterface(PAY, newPay::onInstances);
        await().until(() -> oldEcho.lastData() != null && oldEcho.lastData().size() == 2);
        await().until(() -> newEcho.last() != null && newEcho.last().instances().size() == 2);

        // Revision B adds PAY and changes ECHO's timeout; the pods move one at a time.
        pods.get(0).update(echoAndPay("2000", "500"));
        await().until(() -> List.of("10.0.0.1:1?timeout=500").equals(oldPay.lastData()));
        await().until(() -> Set.of("10.0.0.1:1?timeout=500").equals(newPay.lastItems()));
        await().until(() -> Set.of("10.0.0.1:1?timeout=2000", "10.0.0.2:1?timeout=3000").equals(oldEcho.last().items()));
        pods.get(1).update(echoAndPay("2000", "500"));
        await().until(() -> oldPay.lastData() != null && oldPay.lastData().size() == 2);
        await().until(() -> Set.of("10.0.0.1:1?timeout=2000", "10.0.0.2:1?timeout=2000").equals(oldEcho.last().items()));
        await().until(() -> Set.of("10.0.0.1:1?timeout=2000", "10.0.0.2:1?timeout=2000").equals(newEcho.lastItems()));

        assertThat(oldEcho.deliveries()).allSatisfy(d -> assertThat(d.data()).isNotEmpty());
        assertThat(newEcho.deliveries()).allSatisfy(d -> assertThat(d.instances()).isNotEmpty());
        assertThat(oldEcho.versionsOnlyRise()).isTrue();
        assertThat(oldPay.versionsOnlyRise()).isTrue();
    }

    @Test
    void oldAndNewClientsSeeEachOthersProvidersAndADualPublishedInstanceOnce() {
        RosterClient oldProvider = cluster.client("legacy");
        oldProvider.publish(ECHO, "10.0.0.9:9");
        RosterClient dual = cluster.client("dual");
        dual.publish(ECHO, "10.0.0.1:1");
        dual.publishApplication("orders", "10.0.0.1:1", echoOnly("3000"));
        cluster.client("pod-2").publishApplication("orders", "10.0.0.2:1", echoOnly("3000"));

        RosterClient consumer = cluster.client("consumer");
        PushRecorder old = new PushRecorder();
        consumer.subscribe(ECHO, old::onData);
        InterfaceRecorder fresh = new InterfaceRecorder();
        consumer.subscribeInterface(ECHO, fresh::onInstances);

        await().until(() -> Set.of("10.0.0.9:9", "10.0.0.1:1", "10.0.0.2:1?timeout=3000").equals(old.last() == null ? null : old.last().items()));
        assertThat(old.lastData()).hasSize(3);
        await().until(() -> fresh.last() != null && fresh.last().addresses().equals(Set.of("10.0.0.9:9", "10.0.0.1:1", "10.0.0.2:1")));
        assertThat(fresh.last().instances()).hasSize(3);
        assertThat(fresh.last().instances()).filteredOn(i -> i.address().equals("10.0.0.1:1"))
                .singleElement().satisfies(i -> assertThat(i.applicationLevel()).isTrue());
    }
}
