package io.roster.common.wire;

import java.util.List;

/**
 * Data node to session: the answer to each write of a {@link PublishBatch}, in the batch's order. The reply's own
 * code is not OK only when the batch as a whole was not handled (then {@code replies} is empty).
 */
public final class PublishBatchReply extends Reply {
    private final List<WriteReply> replies;

    public PublishBatchReply(ErrorCode code, String message, List<WriteReply> replies) {
        super(code, message);
        this.replies = replies == null ? List.of() : List.copyOf(replies);
    }

    public List<WriteReply> replies() {
        return replies == null ? List.of() : replies;
    }
}
