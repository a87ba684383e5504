package io.roster.chaos.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryRoundTripTest {
    @TempDir
    Path dir;

    private static List<Event> oneOfEach() {
        return List.of(
                new Event.Connected(0, "c1", "127.0.0.1:9601"),
                new Event.Publish(1, "c1", "d1", "p1", "p1-1", true),
                new Event.PublishFailed(2, "c1", "d1", "p2", "p2-1", "RosterRequestException: \"timeout\"\n"),
                new Event.Unpublish(3, "c1", "d1", "p1"),
                new Event.UnpublishFailed(3, "c1", "d1", "p1", "RosterRequestException: timeout"),
                // calls that took time carry their start
                new Event.UnpublishFailed(3, "c1", "d1", "p1", "RosterRequestException: timeout", 1),
                new Event.Publish(3, "c1", "d1", "p1", "p1-2", false, 2),
                new Event.PublishFailed(3, "c1", "d1", "p1", "p1-3", "RosterRequestException: timeout", 2),
                new Event.Unpublish(3, "c1", "d1", "p1", 1),
                new Event.Close(3, "c2", 0),
                new Event.Subscribe(4, "c1", "s1", "d1"),
                new Event.Unsubscribe(5, "s1"),
                new Event.Close(6, "c1"),
                new Event.Push(7, "s1", "d1", 12, List.of("p1-1", "é ☃"), 321),
                new Event.Push(8, "s1", "d1", 13, List.of(), null),
                new Event.Fault(9, "pause", "session", "127.0.0.1:9601", Event.Phase.START),
                new Event.Fault(10, "pause", "session", "127.0.0.1:9601", Event.Phase.END),
                new Event.Steady(11),
                new Event.Quiesce(12),
                new Event.End(13));
    }

    @Test
    void everyEventTypeSurvivesWriterThenReader() throws IOException {
        Path file = dir.resolve("history.jsonl");
        try (HistoryWriter w = new HistoryWriter(file)) {
            oneOfEach().forEach(w::append);
        }

        History h = HistoryReader.read(file);

        assertThat(h.events()).containsExactlyElementsOf(oneOfEach());
        assertThat(h.steadyAt()).hasValue(11);
        assertThat(h.quiesceAt()).hasValue(12);
        assertThat(h.endAt()).isEqualTo(13);
    }

    @Test
    void linesStartWithTAndType() {
        StringWriter out = new StringWriter();
        try (HistoryWriter w = new HistoryWriter(out)) {
            w.append(new Event.Publish(5, "c1", "d1", "p1", "p1-1", false));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(out.toString()).isEqualTo("{\"t\":5,\"type\":\"publish\",\"client\":\"c1\",\"dataId\":\"d1\","
                + "\"pub\":\"p1\",\"item\":\"p1-1\",\"pinned\":false}\n");
    }

    @Test
    void appendsFromManyThreadsAreWholeLines() throws Exception {
        Path file = dir.resolve("history.jsonl");
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (HistoryWriter w = new HistoryWriter(file)) {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int thread = k;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        w.append(new Event.Push(i, "s" + thread, "d1", i, List.of("x".repeat(100)), 100));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        History h = HistoryReader.read(file);

        assertThat(h.size()).isEqualTo(threads * perThread);
        assertThat(h.events()).extracting(Event::t).isSorted();
    }

    @Test
    void readerSortsByTimeKeepingTheWrittenOrderWithinAMillisecond() throws IOException {
        String lines = """
                {"t":20,"type":"steady"}
                {"t":10,"type":"unsubscribe","sub":"b"}

                {"t":20,"type":"unsubscribe","sub":"a"}
                {"t":10,"type":"unsubscribe","sub":"c","extra":"ignored"}
                """;

        History h = HistoryReader.read(new StringReader(lines));

        assertThat(h.events()).containsExactly(new Event.Unsubscribe(10, "b"), new Event.Unsubscribe(10, "c"),
                new Event.Steady(20), new Event.Unsubscribe(20, "a"));
        assertThat(h.endAt()).isEqualTo(20); // no end event: the last one
        assertThat(h.quiesceAt()).isEmpty();
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumber() {
        assertThatThrownBy(() -> HistoryReader.read(new StringReader("{\"t\":1,\"type\":\"end\"}\n"
                + "{\"t\":2,\"type\":\"publish\",\"client\":\"c1\",\"dataId\":\"d1\",\"pub\":\"p1\",\"pinned\":true}")))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage("line 2: missing field \"item\"");
        assertThatThrownBy(() -> HistoryReader.read(new StringReader("{\"t\":1,\"type\":\"explode\"}")))
                .hasMessage("line 1: unknown event type \"explode\"");
        assertThatThrownBy(() -> HistoryReader.read(new StringReader("{\"type\":\"end\"}")))
                .hasMessage("line 1: missing field \"t\"");
        assertThatThrownBy(() -> HistoryReader.read(new StringReader(
                "{\"t\":1,\"type\":\"fault\",\"kind\":\"kill\",\"role\":\"data\",\"target\":\"d\",\"phase\":\"middle\"}")))
                .hasMessageContaining("line 1: field \"phase\"");
        assertThatThrownBy(() -> HistoryReader.read(new StringReader("{\"t\":1,\"type\":\"end\"\n")))
                .isInstanceOf(HistoryFormatException.class).hasMessageStartingWith("line 1: not JSON");
    }

    @Test
    void appendAfterCloseFails() throws IOException {
        HistoryWriter w = new HistoryWriter(dir.resolve("h.jsonl"));
        w.close();
        w.close();
        assertThatThrownBy(() -> w.append(new Event.End(1))).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(dir.resolve("h.jsonl"))).isEmpty();
    }
}
