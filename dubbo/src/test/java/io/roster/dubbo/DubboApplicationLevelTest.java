package io.roster.dubbo;

import io.roster.testkit.FreePorts;
import org.apache.dubbo.metadata.MetadataInfo;
import org.apache.dubbo.metadata.report.MetadataReport;
import org.apache.dubbo.metadata.report.MetadataReportInstance;
import org.apache.dubbo.metadata.report.identifier.SubscriberMetadataIdentifier;
import org.apache.dubbo.registry.client.ServiceDiscovery;
import org.apache.dubbo.registry.client.ServiceInstance;
import org.apache.dubbo.registry.support.RegistryManager;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real Dubbo provider and consumer calling each other through Roster, application-level
 * ({@code roster://...?registry-type=service}): the provider publishes one Roster application instance, the
 * consumer resolves the interface to the application through Roster's providers index (the roster metadata report
 * Dubbo takes from the registry), watches the application's instances and reads the MetadataInfo from the
 * provider's MetadataService.
 */
class DubboApplicationLevelTest {
    @RegisterExtension
    static final RosterNodeExtension ROSTER = new RosterNodeExtension();
    @RegisterExtension
    final ThreadLeakCheck threads = new ThreadLeakCheck();

    @Test
    void consumerCallsProviderFoundThroughRosterApplicationsAndFollowsItsRestart() {
        int port = FreePorts.free();
        DubboApp provider = DubboApp.provider("echo-app-provider", ROSTER.registryUrl(), true, port, "first");
        try (DubboApp consumer = DubboApp.consumer("echo-app-consumer", ROSTER.registryUrl(), true)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("first:hi"));
            ServiceDiscovery discovery = discovery(consumer);
            assertThat(discovery).isInstanceOf(RosterServiceDiscovery.class);
            assertThat(discovery.getInstances("echo-app-provider")).singleElement().satisfies(instance -> {
                assertThat(instance.getPort()).isEqualTo(port);
                assertThat(instance.getMetadata()).containsKey("dubbo.metadata.revision");
            });

            provider.close();
            // The instance leaves the application's list; the consumer has no provider left to call.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(discovery.getInstances("echo-app-provider")).isEmpty();
                assertThat(consumer.hasProvider()).isFalse();
            });
            assertThatThrownBy(() -> consumer.echo().echo("hi")).isInstanceOf(RpcException.class);

            provider = DubboApp.provider("echo-app-provider", ROSTER.registryUrl(), true, port, "second");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("second:hi"));
            assertThat(discovery.getInstances("echo-app-provider")).extracting(ServiceInstance::getPort)
                    .containsExactly(port);
        } finally {
            provider.close();
        }
    }

    /**
     * A service exported after start changes the Dubbo revision: the instance is updated in place (same Roster
     * registration, version 2, the new revision), so consumers of the first service keep it, and consumers of the
     * new one find it.
     */
    @Test
    void aServiceExportedLaterUpdatesTheSameRosterInstance() {
        int port = FreePorts.free();
        try (DubboApp provider = DubboApp.provider("echo-growing-provider", ROSTER.registryUrl(), true, port, "v1");
             DubboApp first = DubboApp.consumer("echo-v1-consumer", ROSTER.registryUrl(), true)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(first.echo().echo("hi")).isEqualTo("v1:hi"));
            RosterServiceDiscovery published = (RosterServiceDiscovery) discovery(provider);
            String registerId = published.publication().publication().registerId();
            String revision = published.publication().revision();

            provider.exportAnother("2.0.0", "v2");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(published.publication().revision()).isNotEqualTo(revision));
            assertThat(published.publication().publication().registerId()).isEqualTo(registerId);
            assertThat(published.publication().publication().version()).isEqualTo(2);
            try (DubboApp second = DubboApp.consumer("echo-v2-consumer", ROSTER.registryUrl(), true, "local", "2.0.0")) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(second.echo().echo("hi")).isEqualTo("v2:hi"));
            }
            assertThat(first.echo().echo("hi")).isEqualTo("v1:hi");
        }
    }

    /**
     * Roster's revisions carry each service with its parameters (protocol and path included), so a consumer still on
     * interface-level discovery (plain roster://) calls a provider that moved to application-level: during a
     * migration, either side can move first.
     */
    @Test
    void interfaceLevelConsumerCallsApplicationLevelProvider() {
        int port = FreePorts.free();
        try (DubboApp provider = DubboApp.provider("echo-moved-provider", ROSTER.registryUrl(), true, port, "moved");
             DubboApp consumer = DubboApp.consumer("echo-old-consumer", ROSTER.registryUrl(), false)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("moved:hi"));
        }
    }

    /**
     * With {@code metadata-type=remote} the provider's MetadataInfo goes to Roster (the roster metadata report) and
     * the consumer reads it from there by (application, revision), without asking the provider's MetadataService.
     */
    @Test
    void remoteMetadataIsReadFromRoster() {
        int port = FreePorts.free();
        try (DubboApp provider = DubboApp.provider("echo-remote-provider", ROSTER.registryUrl(), true, "remote", port, "remote");
             DubboApp consumer = DubboApp.consumer("echo-remote-consumer", ROSTER.registryUrl(), true, "remote")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("remote:hi"));
            ServiceInstance instance = discovery(consumer).getInstances("echo-remote-provider").get(0);
            assertThat(instance.getMetadata()).containsEntry("dubbo.metadata.storage-type", "remote");
            String revision = instance.getMetadata().get("dubbo.metadata.revision");
            MetadataInfo fromRoster = report(consumer).getAppMetadata(
                    new SubscriberMetadataIdentifier("echo-remote-provider", revision), instance.getMetadata());
            assertThat(fromRoster.getRevision()).isEqualTo(revision);
            assertThat(fromRoster.getServices().values()).anySatisfy(service ->
                    assertThat(service.getName()).isEqualTo(EchoService.class.getName()));
        }
    }

    private static MetadataReport report(DubboApp app) {
        return app.application().getBeanFactory().getBean(MetadataReportInstance.class).getMetadataReports(true)
                .values().iterator().next();
    }

    private static ServiceDiscovery discovery(DubboApp app) {
        return app.application().getBeanFactory().getBean(RegistryManager.class).getServiceDiscoveries().get(0);
    }
}
