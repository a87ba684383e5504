package io.roster.meta.state;

import io.roster.common.rpc.Protostuff;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the records of one Raft log entry. An entry holds a batch so that related changes (a node joins and the
 * slot table that places it) are applied together or not at all. Each record travels as its {@link RecordType}
 * tag plus its protostuff body.
 */
public final class RecordCodec {
    /** Bumped only if the envelope itself changes shape; records evolve by appending fields. */
    static final int FORMAT = 1;

    private RecordCodec() {
    }

    public static byte[] encode(List<? extends MetaRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a log entry needs at least one record");
        }
        List<TaggedRecord> tagged = new ArrayList<>(records.size());
        for (MetaRecord r : records) {
            tagged.add(new TaggedRecord(RecordType.of(r).tag(), Protostuff.encode(r)));
        }
        return Protostuff.encode(new RecordBatch(FORMAT, tagged));
    }

    /** Decodes an entry; a malformed or unknown entry raises {@link IllegalArgumentException}. */
    public static List<MetaRecord> decode(byte[] bytes) {
        RecordBatch batch = Protostuff.decode(bytes, RecordBatch.class);
        if (batch.format() != FORMAT) {
            throw new IllegalArgumentException("meta log entry has format " + batch.format() + ", this version reads " + FORMAT);
        }
        List<MetaRecord> records = new ArrayList<>(batch.records().size());
        for (TaggedRecord t : batch.records()) {
            MetaRecord r = Protostuff.decode(t.body(), RecordType.ofTag(t.tag()).recordClass());
            r.check();
            records.add(r);
        }
        return records;
    }

    /** The log entry: a format number and the tagged records. Fields may only be appended. */
    static final class RecordBatch {
        private final int format;
        private final List<TaggedRecord> records;

        RecordBatch(int format, List<TaggedRecord> records) {
            this.format = format;
            this.records = List.copyOf(records);
        }

        int format() {
            return format;
        }

        List<TaggedRecord> records() {
            return records == null ? List.of() : records;
        }
    }

    static final class TaggedRecord {
        private final int tag;
        private final byte[] body;

        TaggedRecord(int tag, byte[] body) {
            this.tag = tag;
            this.body = body;
        }

        int tag() {
            return tag;
        }

        byte[] body() {
            return body == null ? new byte[0] : body;
        }
    }
}
