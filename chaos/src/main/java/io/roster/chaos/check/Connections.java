package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Which session each client was connected to, over time. */
final class Connections {
    private final Map<String, List<Event.Connected>> byClient;

    private Connections(Map<String, List<Event.Connected>> byClient) {
        this.byClient = byClient;
    }

    static Connections of(History history) {
        Map<String, List<Event.Connected>> byClient = new HashMap<>();
        for (Event e : history.events()) {
            if (e instanceof Event.Connected c) {
                byClient.computeIfAbsent(c.client(), k -> new ArrayList<>()).add(c);
            }
        }
        return new Connections(byClient);
    }

    /** The session of the client's last connect at or before {@code t}. */
    Optional<String> sessionAt(String client, long t) {
        String session = null;
        for (Event.Connected c : byClient.getOrDefault(client, List.of())) {
            if (c.t() > t) {
                break;
            }
            session = c.session();
        }
        return Optional.ofNullable(session);
    }

    /** When the client next connected (to any session) strictly after {@code t}. */
    OptionalLong nextConnectAfter(String client, long t) {
        for (Event.Connected c : byClient.getOrDefault(client, List.of())) {
            if (c.t() > t) {
                return OptionalLong.of(c.t());
            }
        }
        return OptionalLong.empty();
    }
}
