package io.roster.client;

import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.roster.client.ApplicationPublishTest.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared revision cache as a pure value: uses by digest, one query out at a time, first answers awaited. */
class RevisionCacheTest {
    private final RevisionCache cache = new RevisionCache(RegistryLimits.DEFAULTS);
    private final Revision a = revision("shop", "1");
    private final Revision b = revision("shop", "2");

    private static AppInstance at(Revision r, String address) {
        return new AppInstance(r.digest(), address, Map.of());
    }

    @Test
    void aDigestIsAskedOnceAtATimeAndKeptWhileAnInstanceUsesIt() {
        cache.replaced(List.of(), List.of(at(a, "h:1"), at(a, "h:2")));
        assertThat(cache.firstAnswerPending(a.digest())).isTrue();
        assertThat(cache.startQuery()).containsExactly(a.digest());
        cache.replaced(List.of(), List.of(at(b, "h:3")));
        assertThat(cache.startQuery()).as("one query out at a time").isNull();

        assertThat(cache.answered(List.of())).isEmpty(); // the session did not know a yet
        assertThat(cache.firstAnswerPending(a.digest())).as("asked once: lists stop waiting for it").isFalse();
        assertThat(cache.hasUnasked()).as("b came while the query was out").isTrue();
        assertThat(cache.startQuery()).containsExactly(a.digest(), b.digest());
        assertThat(cache.answered(List.of(a, b, revision("other", "9")))).containsExactly("shop");
        assertThat(cache.get(a.digest())).isEqualTo(a);
        assertThat(cache.hasMissing()).isFalse();

        cache.replaced(List.of(at(a, "h:1"), at(a, "h:2")), List.of(at(a, "h:2")));
        assertThat(cache.get(a.digest())).as("still used by h:2").isEqualTo(a);
        cache.replaced(List.of(at(a, "h:2"), at(b, "h:3")), List.of());
        assertThat(cache.size()).isZero();
    }

    @Test
    void aRevisionWhoseContentDoesNotMatchItsDigestIsNotTaken() {
        cache.replaced(List.of(), List.of(at(a, "h:1")));
        cache.startQuery();
        Revision forged = new Revision("shop", a.digest(), b.interfaces());
        assertThat(cache.answered(List.of(forged))).isEmpty();
        assertThat(cache.get(a.digest())).isNull();
        assertThat(cache.hasMissing()).isTrue();
    }

    @Test
    void anInterfaceLevelItemsQueryParametersAreDecoded() {
        assertThat(InterfaceView.queryParams("dubbo://10.0.0.1:1/svc?b=2&a=x%20y&bad&=z#frag"))
                .containsExactly(Map.entry("a", "x y"), Map.entry("b", "2"));
        assertThat(InterfaceView.queryParams("10.0.0.1:1")).isEmpty();
    }
}
