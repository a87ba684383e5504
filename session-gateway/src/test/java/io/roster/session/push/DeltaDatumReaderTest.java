package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A sequence of delta reads builds the same datums as whole reads, and anything that does not add up reads whole. */
class DeltaDatumReaderTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9600", 1, 1);

    /** A data node in miniature: every version kept, a delta computed from the base version to the current one. */
    private final Map<Long, Datum> versions = new HashMap<>();
    private final Map<String, Publisher> current = new LinkedHashMap<>();
    private long version;
    private final AtomicInteger wholeAnswers = new AtomicInteger();
    private final AtomicBoolean lieAboutCount = new AtomicBoolean();

    private void commit() {
        List<Publisher> ordered = new ArrayList<>(current.values());
        ordered.sort(DeltaDatumReader.ORDER);
        versions.put(++version, new Datum(ID, version, ordered));
    }

    private DatumReply answer(String dataInfoId, long since) {
        Datum now = versions.getOrDefault(version, Datum.absent(dataInfoId));
        Datum base = versions.get(since);
        if (since == 0 || base == null) {
            wholeAnswers.incrementAndGet();
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
        int count = now.publishers().size() + (lieAboutCount.get() ? 1 : 0);
        return DatumReply.delta(dataInfoId, now.version(), since, changed, new ArrayList<>(before.keySet()), count);
    }

    private static Publisher pub(String registerId, long version, long registeredAt) {
        return new Publisher(registerId, ID, "c", "app", "zone", List.of(("v" + version).getBytes(StandardCharsets.UTF_8)),
                version, registeredAt, SESSION);
    }

    @Test
    void aSequenceOfDeltaReadsBuildsTheSameDatumsAsWholeReads() {
        DeltaDatumReader reader = new DeltaDatumReader(this::answer, id -> true);
        Random random = new Random(14);
        for (int step = 0; step < 400; step++) {
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                String id = "r" + random.nextInt(40);
                if (random.nextInt(3) == 0) {
                    current.remove(id);
                } else {
                    // equal timestamps now and then: the registerId breaks the tie, as on data
                    current.put(id, pub(id, step + 1, random.nextInt(25)));
                }
            }
            commit();
            Datum read = reader.read(ID);
            assertThat(read.version()).isEqualTo(version);
            assertThat(read.publishers()).as("step %d", step).containsExactlyElementsOf(versions.get(version).publishers());
        }
        assertThat(wholeAnswers.get()).as("only the first read is whole").isEqualTo(1);
        assertThat(reader.deltasApplied()).isEqualTo(399);
        assertThat(reader.deltasRejected()).isZero();
    }

    @Test
    void aDeltaThatDoesNotAddUpIsReplacedByAWholeRead() {
        DeltaDatumReader reader = new DeltaDatumReader(this::answer, id -> true);
        current.put("a", pub("a", 1, 1));
        commit();
        reader.read(ID);
        current.put("b", pub("b", 1, 2));
        commit();
        lieAboutCount.set(true);
        Datum read = reader.read(ID);
        assertThat(read.publishers()).extracting(Publisher::registerId).containsExactly("a", "b");
        assertThat(reader.deltasRejected()).isEqualTo(1);
        assertThat(wholeAnswers.get()).isEqualTo(2);
    }

    @Test
    void aDeltaOnAnotherBaseIsNotApplied() {
        Datum held = new Datum(ID, 5, List.of(pub("a", 1, 1)));
        assertThat(DeltaDatumReader.applied(held, DatumReply.delta(ID, 7, 6, List.of(), List.of(), 1), p -> p)).isNull();
        assertThat(DeltaDatumReader.applied(held, DatumReply.delta(ID, 7, 5, List.of(), List.of(), 1), p -> p))
                .extracting(Datum::version).isEqualTo(7L);
    }

    @Test
    void datumsWithoutSubscribersLeaveTheCacheInASweep() {
        AtomicBoolean subscribed = new AtomicBoolean(true);
        DeltaDatumReader reader = new DeltaDatumReader(this::answer, id -> subscribed.get());
        current.put("a", pub("a", 1, 1));
        commit();
        reader.read(ID);
        assertThat(reader.cached()).isEqualTo(1);
        subscribed.set(false);
        for (int i = 0; i < DeltaDatumReader.SWEEP_EVERY; i++) {
            reader.read(ID);
        }
        assertThat(reader.cached()).as("swept, then read again").isLessThanOrEqualTo(1);
        assertThat(wholeAnswers.get()).as("the sweep dropped it, so the read after it was whole").isEqualTo(2);
    }

    @Test
    void theCacheHoldsTheSessionsOwnObjectsOfEqualPublishers() {
        Map<String, Publisher> own = new HashMap<>();
        DeltaDatumReader reader = new DeltaDatumReader(this::answer, id -> true,
                p -> p.equals(own.get(p.registerId())) ? own.get(p.registerId()) : p);
        Publisher a = pub("a", 1, 1), b = pub("b", 1, 2);
        own.put("a", pub("a", 1, 1));
        own.put("b", pub("b", 1, 2));
        current.put("a", a);
        commit();
        assertThat(reader.read(ID).publishers().get(0)).as("whole read").isSameAs(own.get("a"));
        current.put("b", b);
        commit();
        Datum read = reader.read(ID);
        assertThat(read.publishers().get(1)).as("delta read").isSameAs(own.get("b"));
        current.put("c", pub("c", 1, 3));
        commit();
        assertThat(reader.read(ID).publishers().get(2)).as("not held here: the one read").isNotNull();
    }
}
