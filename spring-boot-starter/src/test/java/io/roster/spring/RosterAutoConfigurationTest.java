package io.roster.spring;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.spring.RosterHealthAutoConfiguration.RosterHealthIndicator;
import io.roster.spring.discovery.RosterDiscoveryClient;
import io.roster.spring.discovery.RosterReactiveDiscoveryClient;
import io.roster.spring.discovery.RosterServiceCatalog;
import io.roster.spring.instance.InstanceJson;
import io.roster.spring.instance.RosterInstance;
import io.roster.spring.instance.ServiceDataIds;
import io.roster.spring.registry.RosterAutoServiceRegistration;
import io.roster.spring.registry.RosterRegistration;
import io.roster.spring.registry.RosterServiceRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationListener;

import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auto-configuration against a real Roster node, through Spring Boot's own context runner (no mocks). */
class RosterAutoConfigurationTest {
    private static RosterTestNode node;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RosterClientAutoConfiguration.class,
                    RosterDiscoveryAutoConfiguration.class, RosterReactiveDiscoveryAutoConfiguration.class,
                    RosterServiceRegistryAutoConfiguration.class, RosterHealthAutoConfiguration.class,
                    UtilAutoConfiguration.class, AutoServiceRegistrationAutoConfiguration.class))
            .withPropertyValues("spring.application.name=Shop", "roster.registration.host=127.0.0.1");

    @BeforeAll
    static void startRoster() {
        node = new RosterTestNode();
    }

    @AfterAll
    static void stopRoster() {
        node.close();
    }

    @Test
    void buildsAConnectedClientAndEveryDiscoveryAndRegistryBeanFromRosterProperties() {
        runner.withPropertyValues("roster.sessions=" + node.sessions(), "roster.zone=z1",
                "roster.registration.port=8081", "roster.registration.metadata.tier=gold").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RosterClient.class).isConnected()).isTrue();
            assertThat(context.getBean(DiscoveryClient.class)).isInstanceOf(RosterDiscoveryClient.class);
            assertThat(context).hasSingleBean(RosterReactiveDiscoveryClient.class);
            assertThat(context).hasSingleBean(RosterServiceRegistry.class);
            assertThat(context).hasSingleBean(RosterAutoServiceRegistration.class);
            RosterRegistration registration = context.getBean(RosterRegistration.class);
            assertThat(registration.toInstance()).isEqualTo(
                    new RosterInstance("shop", "127.0.0.1:8081", "127.0.0.1", 8081, false, Map.of("tier", "gold")));
            assertThat(registration.getUri()).hasToString("http://127.0.0.1:8081");
            assertThat(context.getBean(RosterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void findsItsSessionsThroughMetaWhenOnlyMetaServersAreGiven() {
        runner.withPropertyValues("roster.meta-servers=" + node.metaServers()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RosterClient.class).connectedSession()).isEqualTo(node.sessions());
        });
    }

    @Test
    void registersSetsStatusAndDeregistersAnInstanceThatDiscoverySeesByPush() {
        runner.withUserConfiguration(Heartbeats.class)
                .withPropertyValues("roster.sessions=" + node.sessions(), "roster.registration.port=9090").run(context -> {
            RosterServiceRegistry registry = context.getBean(RosterServiceRegistry.class);
            RosterRegistration registration = context.getBean(RosterRegistration.class);
            DiscoveryClient discovery = context.getBean(DiscoveryClient.class);

            assertThat(discovery.getInstances("shop")).isEmpty();
            long heartbeatsBefore = context.getBean(Heartbeats.class).count.get();
            registry.register(registration);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ids(discovery.getInstances("shop")))
                    .containsExactly("127.0.0.1:9090"));
            assertThat(context.getBean(Heartbeats.class).count.get()).isGreaterThan(heartbeatsBefore);
            assertThat(discovery.getServices()).contains("shop");
            assertThat((String) registry.getStatus(registration)).isEqualTo("UP");

            registry.setStatus(registration, "OUT_OF_SERVICE");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(discovery.getInstances("shop")).isEmpty());
            assertThat((String) registry.getStatus(registration)).isEqualTo("DOWN");

            registry.setStatus(registration, "UP");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(discovery.getInstances("shop")).hasSize(1));

            registry.deregister(registration);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(discovery.getInstances("shop")).isEmpty();
                assertThat(discovery.getServices()).doesNotContain("shop");
            });
        });
    }

    @Test
    void discoverySkipsItemsThatAreNotTheInstanceFormAndKeepsTheOthers() {
        runner.withPropertyValues("roster.sessions=" + node.sessions()).run(context -> {
            RosterClient client = context.getBean(RosterClient.class);
            Publication bad = client.publish(ServiceDataIds.instances("mixed"), "10.0.0.1:80", "{\"v\":9}");
            Publication good = client.publish(ServiceDataIds.instances("mixed"),
                    InstanceJson.encode(new RosterInstance("mixed", "m1", "10.0.0.2", 81, true, Map.of())));
            RosterServiceCatalog catalog = context.getBean(RosterServiceCatalog.class);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(catalog.instances("mixed"))
                    .singleElement().satisfies(i -> assertThat(i.getUri()).hasToString("https://10.0.0.2:81")));
            bad.unpublish();
            good.unpublish();
        });
    }

    @Test
    void theFirstLookupOfAServiceWithNoInstanceAnswersEmptyWithoutWaitingForTheTimeout() {
        runner.withPropertyValues("roster.sessions=" + node.sessions(), "roster.discovery.first-list-timeout=20s")
                .run(context -> {
                    long started = System.nanoTime();
                    assertThat(context.getBean(DiscoveryClient.class).getInstances("nobody")).isEmpty();
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                });
    }

    @Test
    void startsWithoutTheOptionalActuatorAndReactor() {
        runner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class, Flux.class))
                .withPropertyValues("roster.sessions=" + node.sessions()).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(RosterDiscoveryClient.class);
                    assertThat(context).doesNotHaveBean(RosterReactiveDiscoveryClient.class);
                    assertThat(context).doesNotHaveBean("rosterHealthIndicator");
                });
    }

    @Test
    void isOffWithRosterEnabledFalse() {
        runner.withPropertyValues("roster.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RosterClient.class);
            assertThat(context).doesNotHaveBean(DiscoveryClient.class);
            assertThat(context).doesNotHaveBean(RosterServiceRegistry.class);
        });
    }

    @Test
    void failsAtStartupNamingTheMissingApplicationName() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RosterClientAutoConfiguration.class))
                .withPropertyValues("roster.sessions=" + node.sessions())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("set spring.application.name or roster.app-name"));
    }

    @Test
    void healthIsDownWhileTheClientHasNoSession() {
        RosterTestNode own = new RosterTestNode();
        try {
            runner.withPropertyValues("roster.sessions=" + own.sessions()).run(context -> {
                RosterHealthIndicator health = context.getBean(RosterHealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                own.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
            });
        } finally {
            own.close();
        }
    }

    /** Counts Spring Cloud's discovery-changed events. */
    static class Heartbeats implements ApplicationListener<HeartbeatEvent> {
        final AtomicLong count = new AtomicLong();

        @Override
        public void onApplicationEvent(HeartbeatEvent event) {
            count.incrementAndGet();
        }
    }

    private static List<String> ids(List<ServiceInstance> instances) {
        return instances.stream().map(ServiceInstance::getInstanceId).toList();
    }
}
