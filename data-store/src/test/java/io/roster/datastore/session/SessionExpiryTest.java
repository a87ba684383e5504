package io.roster.datastore.session;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionExpiryTest {
    private static final ProcessId A = new ProcessId("127.0.0.1:9601", 1, 1);
    private static final ProcessId B = new ProcessId("127.0.0.1:9602", 2, 2);
    private static final ProcessId A_RESTARTED = new ProcessId("127.0.0.1:9601", 3, 3);

    private static NodeInfo session(ProcessId p) {
        return new NodeInfo(NodeRole.SESSION, p.address(), p);
    }

    @Test
    void aProcessExpiresOnceWhenItLeavesTheListAfterBeingSeen() {
        SessionExpiry expiry = new SessionExpiry();

        assertThat(expiry.onView(1, List.of(session(A), session(B)))).isEmpty();
        assertThat(expiry.onView(2, List.of(session(B), session(A_RESTARTED)))).containsExactly(A);
        assertThat(expiry.onView(3, List.of(session(B), session(A_RESTARTED)))).isEmpty();
        assertThat(expiry.onView(4, List.of())).containsExactlyInAnyOrder(B, A_RESTARTED);
    }

    @Test
    void aProcessNeverListedNeverExpires() {
        SessionExpiry expiry = new SessionExpiry();

        assertThat(expiry.onView(1, List.of())).isEmpty();
        assertThat(expiry.onView(2, List.of(session(B)))).isEmpty();
        assertThat(expiry.onView(3, List.of())).containsExactly(B);
    }

    @Test
    void aViewFromAnOlderMetaStateExpiresNobody() {
        SessionExpiry expiry = new SessionExpiry();

        assertThat(expiry.onView(7, List.of(session(A), session(B)))).isEmpty();
        // a deposed meta leader's image, from before B was admitted: B is live, its publishers must stay
        assertThat(expiry.onView(5, List.of(session(A)))).isEmpty();
        assertThat(expiry.onView(7, List.of(session(A), session(B)))).isEmpty();
        assertThat(expiry.onView(8, List.of(session(A)))).containsExactly(B);
    }
}
