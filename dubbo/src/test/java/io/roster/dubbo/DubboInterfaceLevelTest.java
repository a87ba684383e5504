package io.roster.dubbo;

import io.roster.testkit.FreePorts;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.support.AbstractRegistry;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real Dubbo provider and consumer calling each other through Roster, interface-level ({@code roster://}). */
class DubboInterfaceLevelTest {
    @RegisterExtension
    static final RosterNodeExtension ROSTER = new RosterNodeExtension();
    @RegisterExtension
    final ThreadLeakCheck threads = new ThreadLeakCheck();

    @Test
    void consumerCallsProviderFoundThroughRosterAndFollowsItsRestart() {
        int port = FreePorts.free();
        DubboApp provider = DubboApp.provider("echo-provider", ROSTER.registryUrl(), false, port, "first");
        try (DubboApp consumer = DubboApp.consumer("echo-consumer", ROSTER.registryUrl(), false)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("first:hi"));
            assertThat(providersNotified(consumer)).singleElement().satisfies(url -> {
                assertThat(url.getProtocol()).isEqualTo("dubbo");
                assertThat(url.getPort()).isEqualTo(port);
                assertThat(url.getParameter("version")).isEqualTo(DubboApp.VERSION);
                assertThat(url.getParameter("application")).isEqualTo("echo-provider");
            });

            provider.close();
            // The consumer is told the last provider left: one empty:// URL, and nothing left to call.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(providersNotified(consumer))
                    .singleElement().satisfies(url -> assertThat(url.getProtocol()).isEqualTo("empty")));
            assertThat(consumer.hasProvider()).isFalse();
            assertThatThrownBy(() -> consumer.echo().echo("hi")).isInstanceOf(RpcException.class);

            provider = DubboApp.provider("echo-provider", ROSTER.registryUrl(), false, port, "second");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(consumer.echo().echo("hi")).isEqualTo("second:hi"));
        } finally {
            provider.close();
        }
    }

    /** The providers list the consumer's Roster registry last notified for the echo service. */
    private static List<URL> providersNotified(DubboApp consumer) {
        AbstractRegistry registry = consumer.registries().stream()
                .filter(r -> r instanceof RosterRegistry).map(r -> (AbstractRegistry) r).findFirst().orElseThrow();
        return registry.getNotified().entrySet().stream()
                .filter(e -> EchoService.class.getName().equals(e.getKey().getServiceInterface()))
                .map(Map.Entry::getValue)
                .map(byCategory -> byCategory.getOrDefault("providers", List.of()))
                .findFirst().orElse(List.of());
    }
}
