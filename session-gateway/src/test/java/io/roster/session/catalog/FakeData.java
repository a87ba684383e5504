package io.roster.session.catalog;

import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.List;

/** A data node stand-in that takes every write (OK), so publishes through the session complete. */
final class FakeData extends FakeBoltPeer {
    FakeData() {
        super("fake-data", 2);
        WriteReply ok = new WriteReply(ErrorCode.OK, "", 1);
        answer(PublishWrite.class, ok);
        answer(UnpublishWrite.class, ok);
        answer(ClientOffWrite.class, ok);
        handle(PublishBatch.class, batch -> new PublishBatchReply(ErrorCode.OK, "",
                        batch.writes().stream().map(w -> ok).toList()),
                (code, message) -> new PublishBatchReply(code, message, List.of()));
        answer(SessionHello.class, new SimpleReply(ErrorCode.OK, ""));
        answer(SessionDigest.class, new SessionDigestReply(ErrorCode.OK, "", List.of()));
        listen();
    }
}
