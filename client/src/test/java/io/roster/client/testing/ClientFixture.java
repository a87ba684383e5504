package io.roster.client.testing;

import io.roster.client.RosterClient;
import io.roster.client.RosterClientBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds clients and fake sessions for a test and closes them all, newest first, in {@link #close()}. */
public final class ClientFixture implements AutoCloseable {
    public static final String SERVICE = "com.example.EchoService";
    public static final String SERVICE_ID = canonical(SERVICE);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** The canonical dataInfoId of a bare dataId. */
    public static String canonical(String dataId) {
        return dataId + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    public FakeSession session() {
        return track(FakeSession.start());
    }

    /** A fake on the port where an earlier, closed, fake ran. */
    public FakeSession sessionOn(int port) {
        return track(FakeSession.startOn(port));
    }

    /** Short timeouts and backoff so that reconnect tests run fast. */
    public RosterClientBuilder builder(String... sessions) {
        return RosterClient.builder()
                .sessions(List.of(sessions))
                .appName("orders")
                .zone("z1")
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    public RosterClient client(RosterClientBuilder builder) {
        return track(builder.build());
    }

    public <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        closeables.clear();
    }
}
