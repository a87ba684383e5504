package io.roster.testkit.wire;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The older shape is what older writers really sent: it decodes as a {@link Publisher} with connection generation 0
 * and every other field kept. (Moved here from common's ProtostuffTest, which cannot use the kit: the kit depends
 * on common.)
 */
class PublisherWithoutGenerationTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1234L, 42L);

    @Test
    void decodesAsAPublisherWithGenerationZero() {
        Publisher p = new Publisher("r1", "svc", "c1", "app", "z", List.of(new byte[]{1}), 3, 99, SESSION, 7);

        Publisher old = Protostuff.decode(Protostuff.encode(new PublisherWithoutGeneration(p)), Publisher.class);

        assertThat(old.connectionGeneration()).isZero();
        assertThat(old).isEqualTo(new Publisher("r1", "svc", "c1", "app", "z", List.of(new byte[]{1}), 3, 99, SESSION));
    }
}
