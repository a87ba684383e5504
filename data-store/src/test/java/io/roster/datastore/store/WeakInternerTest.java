package io.roster.datastore.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WeakInternerTest {

    @Test
    void handsOutOneInstancePerValue() {
        WeakInterner<String> interner = new WeakInterner<>();
        String first = interner.intern(new String("app"));
        for (int i = 0; i < 1_000; i++) {
            interner.intern("value-" + i); // grows the table past several resizes
        }

        assertThat(interner.intern(new String("app"))).isSameAs(first);
        assertThat(interner.intern(new String("value-999"))).isEqualTo("value-999");
        assertThat(interner.intern(new String("value-999"))).isSameAs(interner.intern(new String("value-999")));
    }

    /** Values nothing uses any more are released: the table does not grow with every publisher that came and went. */
    @Test
    void releasesWhatNothingHoldsAnyMore() {
        WeakInterner<String> interner = new WeakInterner<>();
        String kept = interner.intern(new String("kept"));
        for (int i = 0; i < 10_000; i++) {
            interner.intern("gone-" + i);
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return interner.size() == 1;
        });
        assertThat(interner.intern(new String("kept"))).isSameAs(kept);
    }
}
