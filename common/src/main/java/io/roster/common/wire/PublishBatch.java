package io.roster.common.wire;

import java.util.List;

/**
 * Session to one data node: several publishes at once, each for a slot that node leads as far as the session
 * knows (the writes that queued for that node while its previous batch was in flight). Each is judged and answered
 * on its own, as a {@link PublishWrite} would be: {@link PublishBatchReply} carries one answer per write, in order.
 */
public final class PublishBatch {
    private final List<PublishWrite> writes;

    public PublishBatch(List<PublishWrite> writes) {
        this.writes = writes == null ? List.of() : List.copyOf(writes);
    }

    public List<PublishWrite> writes() {
        return writes == null ? List.of() : writes;
    }

    @Override
    public String toString() {
        return "PublishBatch{writes=" + writes().size() + "}";
    }
}
