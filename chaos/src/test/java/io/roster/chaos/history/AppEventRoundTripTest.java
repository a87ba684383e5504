package io.roster.chaos.history;

import io.roster.common.app.RevisionDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppEventRoundTripTest {
    private static final String X = "chaos.svc.0#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String REV = RevisionDigest.of("shop", List.of());

    @TempDir
    Path dir;

    private static AppEvent.Instance instance() {
        return new AppEvent.Instance("shop", "pod1.chaos:12200", REV,
                Map.of(X, Map.of("timeout", "1000", "é", "☃ & =")), Map.of("seq", "7"));
    }

    private static List<Event> oneOfEach() {
        return List.of(
                new AppEvent.Publish(1, "a0", "ap1", instance(), false, 1),
                new AppEvent.Publish(2, "a0", "ap1", instance(), true, 1),
                new AppEvent.PublishFailed(3, "a0", "ap2", instance(), false, "RosterRequestException: timeout", 2),
                new AppEvent.PublishFailed(3, "a0", "ap1", instance(), true, "RosterRequestException: timeout", 3),
                new AppEvent.Unpublish(4, "a0", "shop", "ap1", 3),
                new AppEvent.UnpublishFailed(5, "a0", "shop", "ap2", "RosterRequestException: timeout", 5),
                new AppEvent.Subscribe(6, "a1", "n1", X),
                new AppEvent.Instances(7, "n1", X, 3, List.of("pod1.chaos:12200?seq=7&timeout=1000"), 35),
                new AppEvent.Instances(8, "n1", X, 4, List.of(), null));
    }

    @Test
    void everyApplicationEventSurvivesWriterThenReader() throws IOException {
        Path file = dir.resolve("history.jsonl");
        try (HistoryWriter w = new HistoryWriter(file)) {
            oneOfEach().forEach(w::append);
        }

        assertThat(HistoryReader.read(file).events()).containsExactlyElementsOf(oneOfEach());
    }

    @Test
    void aRolloutIsItsOwnLineTypeAndAnInstanceConvertsAsTheSessionDoes() {
        assertThat(EventJson.toJson(oneOfEach().get(1)).get("type").asText()).isEqualTo("appRollout");
        assertThat(instance().item(X)).isEqualTo("pod1.chaos:12200?seq=7&timeout=1000&%C3%A9=%E2%98%83+%26+%3D");
    }

    @Test
    void aMalformedRevisionDigestIsNamedWithItsLine() {
        String line = "{\"t\":1,\"type\":\"appPublish\",\"client\":\"a0\",\"pub\":\"ap1\",\"app\":\"shop\","
                + "\"address\":\"pod1.chaos:12200\",\"revision\":\"r1\",\"interfaces\":{}}\n";

        assertThatThrownBy(() -> HistoryReader.read(new StringReader(line)))
                .isInstanceOf(HistoryFormatException.class).hasMessageContaining("1").hasMessageContaining("revision r1");
    }

    @Test
    void aMissingInstanceFieldIsNamed() {
        String line = "{\"t\":1,\"type\":\"appPublish\",\"client\":\"a0\",\"pub\":\"ap1\",\"app\":\"shop\","
                + "\"address\":\"pod1.chaos:12200\",\"revision\":\"" + REV + "\"}\n";

        assertThatThrownBy(() -> HistoryReader.read(new StringReader(line)))
                .hasMessageContaining("interfaces");
    }
}
