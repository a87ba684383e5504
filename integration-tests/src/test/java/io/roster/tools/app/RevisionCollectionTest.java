package io.roster.tools.app;

import io.roster.client.ApplicationMetadata;
import io.roster.client.ApplicationPublication;
import io.roster.common.config.ConfigKeys;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A revision is kept while any instance serves it, however long, and collected only after its last one left. */
@Timeout(120)
class RevisionCollectionTest {
    private static final int GRACE_MS = 1_500;

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster().with(ConfigKeys.META_REVISION_GRACE_MS, GRACE_MS);

    private boolean metaHas(String digest) {
        return cluster.node().meta().revisions().revision(digest) != null;
    }

    @Test
    void aRevisionIsCollectedOnlyAfterItsLastInstanceLeft() {
        ApplicationMetadata echo = ApplicationMetadata.of("com.example.EchoService");
        ApplicationPublication first = cluster.client("pod-1").publishApplication("orders", "10.0.0.1:1", echo);
        ApplicationPublication second = cluster.client("pod-2").publishApplication("orders", "10.0.0.2:1", echo);
        String digest = first.revision();
        assertThat(second.revision()).isEqualTo(digest);
        assertThat(metaHas(digest)).isTrue();

        first.unpublish();
        // Two graces and more with one instance left: still there, on meta and in the session's copy.
        await().during(Duration.ofMillis(3 * GRACE_MS)).atMost(Duration.ofMillis(6 * GRACE_MS))
                .until(() -> metaHas(digest) && cluster.node().session().catalog().current().revision(digest) != null);

        second.unpublish();
        await().atMost(Duration.ofSeconds(30)).until(() -> !metaHas(digest));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node().session().catalog().current().revision(digest) == null);
        // The interface keeps its remembered provider, so converted versions never lose a part.
        assertThat(cluster.node().meta().revisions().everProviders("com.example.EchoService#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"))
                .containsExactly("orders");
    }
}
