package io.roster.spring.registry;

import io.roster.client.Publication;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed unpublish of one publication does not leave the others published. */
class UnpublishEachTest {
    @Test
    void everyPublicationIsTriedAndTheFailedOnesAreReturned() {
        List<String> unpublished = new ArrayList<>();
        Publication failing = publication("spring:greeter", unpublished, true);
        Publication directory = publication("spring.services", unpublished, false);

        List<Publication> left = RosterServiceRegistry.unpublish(List.of(failing, directory));

        assertThat(unpublished).containsExactly("spring.services");
        assertThat(left).containsExactly(failing);
        assertThat(RosterServiceRegistry.unpublish(null)).isEmpty();
    }

    private static Publication publication(String dataInfoId, List<String> unpublished, boolean fails) {
        return new Publication() {
            @Override
            public String dataInfoId() {
                return dataInfoId;
            }

            @Override
            public String registerId() {
                return dataInfoId + "-1";
            }

            @Override
            public long version() {
                return 1;
            }

            @Override
            public void republish(String... data) {
            }

            @Override
            public void republish(List<byte[]> data) {
            }

            @Override
            public void unpublish() {
                if (fails) {
                    throw new IllegalStateException("timed out");
                }
                unpublished.add(dataInfoId);
            }
        };
    }
}
