package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushCommand.SendPush;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What a push round costs: a delta built on the read deltas looks at the change, not at every publisher. */
class PushDeltaCostTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9600", 1, 1);

    /** A data node in miniature: every version kept, a delta from any base to the current version. */
    private final Map<Long, Datum> versions = new HashMap<>();
    private final Map<String, Publisher> current = new LinkedHashMap<>();
    private long version;
    private final DeltaDatumReader reader = new DeltaDatumReader(this::answer, id -> true);
    private final PushPayloads payloads = new PushPayloads(0, PushMetrics.discarded(), id -> true);
    /** The same rounds without the read deltas: the diff path. */
    private final PushPayloads diffing = new PushPayloads(0, PushMetrics.discarded(), id -> true);
    private final ConnectionHandle connection = deltaCapable();

    private Datum commitAndRead() {
        List<Publisher> ordered = new ArrayList<>(current.values());
        ordered.sort(DeltaDatumReader.ORDER);
        versions.put(++version, new Datum(ID, version, ordered));
        Datum read = reader.read(ID);
        payloads.read(read, reader.deltaOf(read));
        diffing.read(read, null);
        return read;
    }

    private DatumReply answer(String dataInfoId, long since) {
        Datum now = versions.get(version);
        Datum base = versions.get(since);
        if (since == 0 || base == null) {
            return new DatumReply(ErrorCode.OK, "", now);
        }
        Map<String, Publisher> before = new HashMap<>();
        base.publishers().forEach(p -> before.put(p.registerId(), p));
        List<Publisher> changed = new ArrayList<>();
        for (Publisher p : now.publishers()) {
            if (!p.equals(before.remove(p.registerId()))) {
                changed.add(p);
            }
        }
        return DatumReply.delta(dataInfoId, now.version(), since, changed, new ArrayList<>(before.keySet()),
                now.publishers().size());
    }

    private static Publisher pub(String registerId, long version, long registeredAt) {
        return new Publisher(registerId, ID, "c", "app", "", List.of((registerId + ":" + version).getBytes(StandardCharsets.UTF_8)),
                version, registeredAt, SESSION);
    }

    private static ConnectionHandle deltaCapable() {
        ConnectionHandle c = ConnectionHandle.alwaysOpen("c");
        c.capabilities(List.of(ClientHello.PUSH_DELTA));
        return c;
    }

    private PushMessage push(PushPayloads from, Datum d, long held) {
        SubscriberRecord s = new SubscriberRecord("s", ID, "c", connection);
        if (held > 0) {
            s.markPushed(held);
        }
        return from.round(d).messageFor(new SendPush(connection, d, List.of(s), 0));
    }

    private static List<String> keys(PushMessage m) {
        return m.entries().stream().map(PushEntry::key).toList();
    }

    @Test
    void aRoundAfterOneChangeInA5000PublisherDatumLooksAtThatPublisherOnly() {
        for (int i = 0; i < 5000; i++) {
            current.put("r" + i, pub("r" + i, 1, i));
        }
        Datum v1 = commitAndRead();
        push(payloads, v1, 0);
        current.put("r42", pub("r42", 2, 42));
        Datum v2 = commitAndRead();
        current.put("new", pub("new", 1, 9000));
        current.remove("r7");
        Datum v3 = commitAndRead();

        long before = payloads.publishersDiffed();
        PushMessage fromV2 = push(payloads, v3, 2);
        PushMessage fromV1 = push(payloads, v3, 1); // a subscriber a round behind: the two read deltas chained
        assertThat(payloads.publishersDiffed() - before).isLessThanOrEqualTo(5); // was a fingerprint of all 5000 each
        assertThat(keys(fromV2)).containsExactly("new");
        assertThat(fromV2.removedKeys()).containsExactly("r7");
        assertThat(keys(fromV1)).containsExactly("r42", "new");
        assertThat(fromV1.baseVersion()).isEqualTo(1);
        assertThat(fromV1.removedKeys()).containsExactly("r7");

        PushMessage diffed = push(diffing, v3, 2); // no read delta (a whole read): a diff by identity, every publisher
        assertThat(diffing.publishersDiffed()).isGreaterThanOrEqualTo(5000);
        assertThat(keys(diffed)).isEqualTo(keys(fromV2));
        assertThat(diffed.removedKeys()).isEqualTo(fromV2.removedKeys());
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void deltasChainedFromReadsSendWhatADiffSends() {
        Random random = new Random(14);
        for (int step = 1; step <= 300; step++) {
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                String id = "r" + random.nextInt(30);
                if (random.nextInt(3) == 0) {
                    current.remove(id);
                } else {
                    current.put(id, pub(id, step, random.nextInt(25)));
                }
            }
            Datum read = commitAndRead();
            for (long base = Math.max(1, version - 2); base < version; base++) {
                PushMessage chained = push(payloads, read, base);
                PushMessage diffed = push(diffing, read, base);
                assertThat(chained.isDelta()).isTrue();
                assertThat(diffed.isDelta()).isTrue();
                assertThat(keys(chained)).as("step %d from %d", step, base).isEqualTo(keys(diffed));
                assertThat(chained.removedKeys()).as("step %d from %d", step, base)
                        .containsExactlyInAnyOrderElementsOf(diffed.removedKeys());
                assertThat(chained.entries()).extracting(PushEntry::order)
                        .containsExactlyElementsOf(diffed.entries().stream().map(PushEntry::order).toList());
            }
        }
    }

    @Test
    void aWholeReadOfEqualCopiesDiffsByIdentityNotByData() {
        Datum v1 = new Datum(ID, 1, List.of(pub("a", 1, 1), pub("b", 1, 2), pub("c", 1, 3)));
        diffing.round(v1);
        // a whole read: new objects, equal copies of a and c, b at a new version, c's bytes are the client's at its version
        Datum v2 = new Datum(ID, 2, List.of(pub("a", 1, 1), pub("b", 2, 2), pub("c", 1, 3)));
        PushMessage m = push(diffing, v2, 1);
        assertThat(keys(m)).containsExactly("b");
        assertThat(m.removedKeys()).isEmpty();
    }
}
