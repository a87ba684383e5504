package io.roster.datastore.session;

import io.roster.common.model.ProcessId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionInterestsTest {
    private static final ProcessId A = new ProcessId("127.0.0.1:1", 1, 1);
    private static final ProcessId B = new ProcessId("127.0.0.1:2", 1, 2);

    @Test
    void onlyDeclaredSessionsAreNotified() {
        SessionInterests interests = new SessionInterests();
        interests.declare(A, "x", 1);
        interests.declareAll(B, List.of("x", "y"), 1);
        assertThat(interests.interested("x")).containsExactlyInAnyOrder(A, B);
        assertThat(interests.interested("y")).containsExactly(B);
        assertThat(interests.interested("z")).isEmpty();
        assertThat(interests.size()).isEqualTo(3);
    }

    @Test
    void aWithdrawalRemovesOnlyDeclarationsAtOrBelowItsSequence() {
        SessionInterests interests = new SessionInterests();
        interests.declare(A, "x", 4);
        interests.declare(A, "y", 6); // a new subscription's read that crossed the withdrawal stamped 5
        interests.withdraw(A, List.of("x", "y"), 5);
        assertThat(interests.interested("x")).isEmpty();
        assertThat(interests.interested("y")).containsExactly(A);
        interests.declare(A, "y", 2); // a late, older declaration does not lower what is kept
        interests.withdraw(A, List.of("y"), 5);
        assertThat(interests.interested("y")).containsExactly(A);
    }

    @Test
    void anExpiredSessionIsForgottenEverywhere() {
        SessionInterests interests = new SessionInterests();
        interests.declareAll(A, List.of("x", "y"), 1);
        interests.declare(B, "x", 1);
        interests.forget(A);
        assertThat(interests.interested("x")).containsExactly(B);
        assertThat(interests.interested("y")).isEmpty();
        assertThat(interests.size()).isEqualTo(1);
    }
}
