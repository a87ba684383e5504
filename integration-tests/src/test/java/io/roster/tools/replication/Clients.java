package io.roster.tools.replication;

import io.roster.client.RosterClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** SDK clients a test opened, all closed by {@link #close()}. */
final class Clients implements AutoCloseable {
    private final List<RosterClient> open = new ArrayList<>();

    /** A client of {@code sessions} (comma-separated, the first used first). */
    RosterClient connect(String app, String sessions) {
        RosterClient c = RosterClient.builder()
                .sessions(sessions)
                .appName(app)
                .connectTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300))
                .build();
        open.add(c);
        return c;
    }

    /** Closes {@code client}, built elsewhere, with the others. */
    RosterClient track(RosterClient client) {
        open.add(client);
        return client;
    }

    @Override
    public void close() {
        open.forEach(RosterClient::close);
        open.clear();
    }
}
