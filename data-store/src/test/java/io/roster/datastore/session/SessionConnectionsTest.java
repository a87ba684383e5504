package io.roster.datastore.session;

import io.roster.common.model.ProcessId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionConnectionsTest {
    private static final ProcessId S1 = new ProcessId("127.0.0.1:9601", 1, 11);
    private static final ProcessId S2 = new ProcessId("127.0.0.1:9602", 2, 22);

    @Test
    void anExpiredProcessStaysExpiredUntilMetaListsItAgain() {
        SessionConnections sessions = new SessionConnections();
        sessions.expired(S1);

        assertThat(sessions.isExpired(S1)).isTrue();
        assertThat(sessions.isExpired(S2)).isFalse();
        sessions.listed(List.of(S2));
        assertThat(sessions.isExpired(S1)).as("another process listed").isTrue();
        sessions.listed(List.of(S1, S2));
        assertThat(sessions.isExpired(S1)).as("re-admitted").isFalse();
    }

    @Test
    void onlyTheNewestExpiriesAreRemembered() {
        SessionConnections sessions = new SessionConnections();
        for (int i = 0; i < 5000; i++) {
            sessions.expired(new ProcessId("127.0.0.1:1", i, i));
        }
        assertThat(sessions.isExpired(new ProcessId("127.0.0.1:1", 0, 0))).isFalse();
        assertThat(sessions.isExpired(new ProcessId("127.0.0.1:1", 4999, 4999))).isTrue();
    }
}
