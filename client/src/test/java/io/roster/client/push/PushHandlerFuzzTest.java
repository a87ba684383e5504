package io.roster.client.push;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.Protostuff;
import io.roster.common.wire.PushDeflate;
import io.roster.common.wire.PushEntriesDeflate;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push as the SDK takes it from a (possibly hostile) session: the body decoded, the deflated data inflated up to
 * {@link PushHandler#MAX_PUSH_BYTES}, then applied to the subscriptions' copies. A malformed push may only raise
 * {@link InvalidInputException} (answered INVALID_REQUEST) and must leave the copies as they were: the valid delta
 * that follows applies exactly as it would have without it.
 */
class PushHandlerFuzzTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final PushMessage FULL = PushMessage.keyed(ID, 5, List.of("s1"), 0,
            List.of(entry("a", 1, "10.0.0.1:1"), entry("b", 2, "10.0.0.2:1")), List.of());
    private static final PushMessage NEXT = PushMessage.keyed(ID, 6, List.of("s1"), 5, List.of(entry("c", 3, "10.0.0.3:1")),
            List.of("a"));

    @FuzzTest(maxDuration = "2h")
    void deflatedPush(byte[] input) {
        PushCopies copies = new PushCopies();
        copies.take(FULL, id -> true);
        PushMessage push;
        try {
            push = Protostuff.decode(input, PushMessage.class); // bolt's serializer turns this one into an error reply
        } catch (IllegalArgumentException malformed) {
            return;
        }
        try {
            PushCopies.Taken taken = copies.take(push.inflated(PushHandler.MAX_PUSH_BYTES), id -> true);
            assertThat(taken.toDispatch()).doesNotContainNull();
        } catch (InvalidInputException refused) {
            assertThat(items(copies.take(NEXT, id -> true))).containsExactly("10.0.0.2:1", "10.0.0.3:1");
        }
    }

    @Test
    void theCorpusHoldsEveryKindOfPush() {
        List<byte[]> items = List.of("10.0.0.1:1".getBytes(StandardCharsets.UTF_8));
        List<PushMessage> pushes = List.of(new PushMessage(ID, 6, List.of("s1"), items),
                PushMessage.deflated(ID, 6, List.of("s1"), PushDeflate.deflate(items)),
                NEXT, PushMessage.keyedDeflated(ID, 6, List.of("s1"), 5,
                        PushEntriesDeflate.deflate(NEXT.entries(), NEXT.removedKeys())));
        FuzzInputs corpus = FuzzInputs.of(PushHandlerFuzzTest.class, "deflatedPush");
        for (int i = 0; i < pushes.size(); i++) {
            byte[] seed = Protostuff.encode(pushes.get(i));
            corpus.writeSeedIfAsked("valid-push-" + i, seed);
            assertThat(corpus.contains(seed)).isTrue();
        }
        PushCopies copies = new PushCopies();
        copies.take(FULL, id -> true);
        assertThat(items(copies.take(NEXT, id -> true))).containsExactly("10.0.0.2:1", "10.0.0.3:1");
    }

    private static PushEntry entry(String key, long order, String item) {
        return new PushEntry(key, order, List.of(item.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> items(PushCopies.Taken taken) {
        assertThat(taken.refused()).as("refused: %s", taken.refusal()).isFalse();
        return taken.toDispatch().get(0).entries().stream().flatMap(e -> e.items().stream())
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
