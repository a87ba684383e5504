package io.roster.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.NotifyListener;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The roster:// registry against Dubbo's registry contract, through Dubbo's own extension loader (the SPI file) on a
 * real ApplicationModel and a real Roster node: full provider lists with their URL parameters, an empty:// URL of
 * the category when the last provider leaves, group and version kept apart, no notification after unsubscribe.
 */
class RosterRegistryTest {
    @RegisterExtension
    static final RosterNodeExtension ROSTER = new RosterNodeExtension();
    @RegisterExtension
    final ThreadLeakCheck threads = new ThreadLeakCheck();

    private static final String ECHO = "com.example.Echo";

    private FrameworkModel framework;
    private ApplicationModel application;
    private Registry registry;

    @BeforeEach
    void openRegistry() {
        framework = new FrameworkModel();
        application = framework.newApplication();
        registry = open(ROSTER.registryUrl());
    }

    @AfterEach
    void closeRegistry() {
        try {
            registry.destroy();
        } finally {
            framework.destroy();
        }
    }

    @Test
    void aMetaAddressFindsTheSessions() {
        Registry viaMeta = open(ROSTER.metaRegistryUrl());
        try {
            URL echo = provider(20880, "1.0.0", "");
            viaMeta.register(echo);
            Recorder recorder = new Recorder();

            registry.subscribe(consumer("1.0.0", ""), recorder);

            assertThat(fullStrings(recorder.latest("providers"))).containsExactly(echo.toFullString());
            assertThat(viaMeta.isAvailable()).isTrue();
        } finally {
            viaMeta.destroy();
        }
    }

    private Registry open(String url) {
        RegistryFactory factory = application.getExtensionLoader(RegistryFactory.class).getExtension("roster");
        return factory.getRegistry(URL.valueOf(url).setScopeModel(application));
    }

    @Test
    void notifiesEveryProviderWithItsParametersAndEmptyWhenTheLastOneLeaves() {
        URL first = provider(20880, "1.0.0", "").addParameter("timeout", "2500").addParameter("weight", "7");
        URL second = provider(20881, "1.0.0", "").addParameter("serialization", "hessian2");
        registry.register(first);
        registry.register(second);
        registry.register(URL.valueOf("consumer://10.0.0.9/" + ECHO + "?interface=" + ECHO
                + "&version=1.0.0&category=consumers&side=consumer"));
        Recorder recorder = new Recorder();

        registry.subscribe(consumer("1.0.0", ""), recorder);

        // subscribe returns once the first list was notified, with one empty:// for each category Roster does not hold
        assertThat(fullStrings(recorder.latest("providers"))).containsExactlyInAnyOrder(first.toFullString(),
                second.toFullString());
        assertThat(recorder.latest("configurators")).singleElement()
                .satisfies(url -> assertThat(url.getProtocol()).isEqualTo("empty"));
        assertThat(recorder.latest("routers")).singleElement()
                .satisfies(url -> assertThat(url.getProtocol()).isEqualTo("empty"));

        registry.unregister(first);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fullStrings(recorder.latest("providers"))).containsExactly(second.toFullString()));

        registry.unregister(second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(recorder.latest("providers")).singleElement().satisfies(url -> {
                    assertThat(url.getProtocol()).isEqualTo("empty");
                    assertThat(url.getCategory()).isEqualTo("providers");
                    assertThat(url.getServiceInterface()).isEqualTo(ECHO);
                }));
    }

    @Test
    void groupAndVersionAreSeparateServices() {
        URL v1 = provider(20880, "1.0.0", "");
        URL v2 = provider(20881, "2.0.0", "");
        URL grouped = provider(20882, "1.0.0", "blue");
        registry.register(v1);
        registry.register(v2);
        registry.register(grouped);
        Recorder plain = new Recorder();
        Recorder blue = new Recorder();
        Recorder absent = new Recorder();

        registry.subscribe(consumer("1.0.0", ""), plain);
        registry.subscribe(consumer("1.0.0", "blue"), blue);
        registry.subscribe(consumer("3.0.0", ""), absent);

        assertThat(fullStrings(plain.latest("providers"))).containsExactly(v1.toFullString());
        assertThat(fullStrings(blue.latest("providers"))).containsExactly(grouped.toFullString());
        assertThat(absent.latest("providers")).singleElement()
                .satisfies(url -> assertThat(url.getProtocol()).isEqualTo("empty"));
    }

    @Test
    void unsubscribeStopsNotifications() {
        registry.register(provider(20880, "1.0.0", ""));
        Recorder leaving = new Recorder();
        Recorder staying = new Recorder();
        URL consumer = consumer("1.0.0", "");
        registry.subscribe(consumer, leaving);
        registry.subscribe(consumer, staying);
        assertThat(leaving.latest("providers")).hasSize(1);

        registry.unsubscribe(consumer, leaving);
        int before = leaving.calls.size();
        registry.register(provider(20881, "1.0.0", ""));

        // the subscriber still there sees the change; the one gone was told nothing more
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(staying.latest("providers")).hasSize(2));
        assertThat(leaving.calls).hasSize(before);
    }

    private static URL provider(int port, String version, String group) {
        return URL.valueOf("dubbo://10.0.0.1:" + port + "/" + ECHO + "?interface=" + ECHO + "&version=" + version
                + (group.isEmpty() ? "" : "&group=" + group) + "&methods=echo,ping&side=provider&application=echo-app");
    }

    private static URL consumer(String version, String group) {
        return URL.valueOf("consumer://10.0.0.9/" + ECHO + "?interface=" + ECHO + "&version=" + version
                + (group.isEmpty() ? "" : "&group=" + group)
                + "&category=providers,configurators,routers&check=false&side=consumer");
    }

    private static List<String> fullStrings(List<URL> urls) {
        return urls.stream().map(URL::toFullString).toList();
    }

    /** Each notify() call, and the latest list per category. */
    private static final class Recorder implements NotifyListener {
        final List<List<URL>> calls = new CopyOnWriteArrayList<>();
        final Map<String, List<URL>> byCategory = new ConcurrentHashMap<>();

        @Override
        public void notify(List<URL> urls) {
            calls.add(List.copyOf(urls));
            byCategory.put(urls.get(0).getCategory("providers"), List.copyOf(urls));
        }

        List<URL> latest(String category) {
            return byCategory.getOrDefault(category, new ArrayList<>());
        }
    }
}
