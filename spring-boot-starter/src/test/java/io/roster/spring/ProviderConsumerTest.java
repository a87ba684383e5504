package io.roster.spring;

import io.roster.spring.discovery.RosterReactiveDiscoveryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot framework test: a Roster node, two instances of a Spring Boot provider (web, random ports)
 * and a Spring Boot consumer, each a real SpringApplication in this JVM. The consumer finds the providers through
 * Roster and calls them with a {@code @LoadBalanced} RestClient; a stopped provider leaves the consumer's view by push.
 */
class ProviderConsumerTest {
    /** How long a stopped provider may stay in a consumer's view: its unpublish, one push (debounce 10 ms), margin. */
    private static final Duration PUSH_BOUND = Duration.ofSeconds(5);

    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private RosterTestNode node;

    @BeforeEach
    void startRoster() {
        node = new RosterTestNode();
    }

    @AfterEach
    void stopEverything() {
        try {
            apps.forEach(ConfigurableApplicationContext::close);
        } finally {
            node.close();
        }
    }

    @Test
    void theConsumerCallsTheProvidersFoundThroughRosterAndDropsAStoppedOneByPush() {
        ConfigurableApplicationContext first = start(Provider.class, "greeter", true);
        ConfigurableApplicationContext second = start(Provider.class, "greeter", true);
        int firstPort = port(first);
        int secondPort = port(second);
        ConfigurableApplicationContext consumer = start(Consumer.class, "caller", false);
        DiscoveryClient discovery = consumer.getBean(DiscoveryClient.class);
        RestClient greeter = consumer.getBean(RestClient.Builder.class).baseUrl("http://greeter").build();

        await().atMost(PUSH_BOUND).untilAsserted(() -> assertThat(ports(discovery.getInstances("greeter")))
                .containsExactlyInAnyOrder(firstPort, secondPort));
        assertThat(discovery.getServices()).contains("greeter");
        ServiceInstance seen = discovery.getInstances("GREETER").get(0);
        assertThat(seen.getHost()).isEqualTo("127.0.0.1");
        assertThat(seen.getMetadata()).containsEntry("team", "blue");
        assertThat(ports(consumer.getBean(RosterReactiveDiscoveryClient.class).getInstances("greeter").collectList().block()))
                .containsExactlyInAnyOrder(firstPort, secondPort);

        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            answered.add(greeter.get().uri("/hello").retrieve().body(String.class));
        }
        assertThat(answered).containsExactlyInAnyOrder("hello from " + firstPort, "hello from " + secondPort);
        WebClient reactiveGreeter = consumer.getBean(WebClient.Builder.class).baseUrl("http://greeter").build();
        assertThat(reactiveGreeter.get().uri("/hello").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
                .isIn("hello from " + firstPort, "hello from " + secondPort);

        close(first);
        await().atMost(PUSH_BOUND).untilAsserted(() -> assertThat(ports(discovery.getInstances("greeter")))
                .containsExactly(secondPort));
        for (int i = 0; i < 4; i++) {
            assertThat(greeter.get().uri("/hello").retrieve().body(String.class)).isEqualTo("hello from " + secondPort);
        }

        close(second);
        await().atMost(PUSH_BOUND).untilAsserted(() -> {
            assertThat(discovery.getInstances("greeter")).isEmpty();
            assertThat(discovery.getServices()).doesNotContain("greeter");
        });
    }

    private ConfigurableApplicationContext start(Class<?> app, String name, boolean web) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app)
                .properties("spring.application.name=" + name,
                        "server.port=0",
                        "spring.main.web-application-type=" + (web ? "servlet" : "none"),
                        "spring.main.banner-mode=off",
                        "spring.main.register-shutdown-hook=false",
                        "roster.sessions=" + node.sessions(),
                        "roster.registration.host=127.0.0.1",
                        "roster.registration.metadata.team=blue")
                .run();
        apps.add(context);
        return context;
    }

    private void close(ConfigurableApplicationContext context) {
        context.close();
        apps.remove(context);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static List<Integer> ports(List<ServiceInstance> instances) {
        return instances.stream().map(ServiceInstance::getPort).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class Provider {
        private final Environment environment;

        Provider(Environment environment) {
            this.environment = environment;
        }

        @GetMapping("/hello")
        String hello() {
            return "hello from " + environment.getProperty("local.server.port");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Consumer {
        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClientBuilder() {
            return RestClient.builder();
        }

        @Bean
        @LoadBalanced
        WebClient.Builder loadBalancedWebClientBuilder() {
            return WebClient.builder().clientConnector(new JdkClientHttpConnector());
        }
    }
}
