package io.roster.chaos.run;

import io.roster.common.tls.TlsFiles;
import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;
import io.roster.client.ApplicationPublication;
import io.roster.client.InterfaceInstance;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.RosterClientBuilder;
import io.roster.client.Subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SDK client of the run under its history label ({@code c3}, {@code pin1}), with the publications and
 * subscriptions it holds. Every push its subscribers receive goes into the history as it arrives.
 */
final class ChaosClient implements AutoCloseable {
    private final String label;
    private final RosterClient client;
    private final HistoryWriter history;
    private final RunClock clock;
    /** TLS files of the SDK client, or null: plain. */
    private final TlsFiles tls;
    /** pub label -> its publication; insertion order keeps the choice among them reproducible. */
    final Map<String, Publication> publications = new LinkedHashMap<>();
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    /** Application instances (application-level clients only), by pub label. */
    final Map<String, ApplicationPublication> applications = new LinkedHashMap<>();
    /** sub label -> the items of the last push it received. */
    private final Map<String, List<String>> lastItems = new ConcurrentHashMap<>();
    /** The relays the client reaches its sessions through, so the harness can drop its connection. */
    private final List<TcpForwarder> relays;
    private volatile String session;

    ChaosClient(String label, List<String> sessions, HistoryWriter history, RunClock clock, TlsFiles tls) {
        this.tls = tls;
        this.label = label;
        this.history = history;
        this.clock = clock;
        this.relays = sessions.stream().map(s -> new TcpForwarder(s, label)).toList();
        this.client = connect();
        noteSession();
    }

    private RosterClient connect() {
        try {
            return build();
        } catch (RuntimeException e) {
            relays.forEach(TcpForwarder::close);
            throw e;
        }
    }

    /**
     * The SDK's defaults where they matter to the checker: delta push is on, so the lists {@link #subscribe} records
     * are the SDK's materialised copies (deltas applied), exactly what an application's listener gets.
     */
    private RosterClient build() {
        RosterClientBuilder b = RosterClient.builder().sessions(String.join(",", relays.stream().map(TcpForwarder::address).toList()))
                .appName("chaos")
                .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        if (tls != null) {
            b.tls(tls.keystore(), tls.password(), tls.caCert()); // the relays pass TLS through untouched
        }
        return b.build();
    }

    String label() {
        return label;
    }

    RosterClient sdk() {
        return client;
    }

    /** Records a move to another session (checked by the run every 100 ms), named by the session's own address. */
    void noteSession() {
        String relay = client.connectedSession();
        String now = relays.stream().filter(r -> r.address().equals(relay)).map(TcpForwarder::target).findFirst().orElse(null);
        if (now != null && !now.equals(session)) {
            session = now;
            history.append(new Event.Connected(clock.now(), label, now));
        }
    }

    Subscription subscribe(String sub, String dataId) {
        return client.subscribe(dataId, (dataInfoId, data, version) -> {
            List<String> items = data.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
            int bytes = data.stream().mapToInt(b -> b.length).sum();
            history.append(new Event.Push(clock.now(), sub, dataInfoId, version, items, bytes));
            lastItems.put(sub, items);
        });
    }

    /**
     * An application-level subscriber of {@code interfaceId}: every listener call goes into the history with the items
     * of the instances it got (what an old subscriber's item would be) and the SDK's own version.
     */
    Subscription subscribeInterface(String sub, String interfaceId) {
        return client.subscribeInterface(interfaceId, (id, instances, version) -> {
            List<String> items = instances.stream().map(InterfaceInstance::item).toList();
            int bytes = items.stream().mapToInt(i -> i.getBytes(StandardCharsets.UTF_8).length).sum();
            history.append(new AppEvent.Instances(clock.now(), sub, interfaceId, version, items, bytes));
            lastItems.put(sub, items);
        });
    }

    /** The items last pushed to {@code sub}, or an empty list before its first push. */
    List<String> lastItems(String sub) {
        return lastItems.getOrDefault(sub, List.of());
    }

    /** Drops the client's session connection, as a network would; the SDK reconnects and replays. */
    int dropConnection() {
        return relays.stream().mapToInt(TcpForwarder::cut).sum();
    }

    @Override
    public void close() {
        client.close();
        relays.forEach(TcpForwarder::close);
    }
}
