package io.roster.session.testing;

import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.WriteReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A data leader stand-in on a real bolt port: records the digests, slot syncs and publish writes sessions send,
 * takes every write, and answers each digest by naming the slots the test says differ, or with an error while the
 * test wants it to fail.
 */
public final class FakeDataNode extends FakeBoltPeer {
    private final AtomicReference<List<Integer>> mismatched = new AtomicReference<>(List.of());
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public FakeDataNode() {
        super("fake-data", 2);
        handle(SessionDigest.class, digest -> {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new SessionDigestReply(ErrorCode.UNAVAILABLE, "fake data node is failing on purpose", List.of());
            }
            return new SessionDigestReply(ErrorCode.OK, "", mismatched.get());
        }, (code, message) -> new SessionDigestReply(code, message, List.of()));
        handle(SessionSlotSync.class, sync -> new WriteReply(ErrorCode.OK, "", 0),
                (code, message) -> new WriteReply(code, message, 0));
        handle(PublishWrite.class, write -> new WriteReply(ErrorCode.OK, "", 1),
                (code, message) -> new WriteReply(code, message, 0));
        listen();
    }

    /** The slots named in every digest reply from now on. */
    public void mismatch(Integer... slots) {
        mismatched.set(List.of(slots));
    }

    /** The next {@code n} digests are answered UNAVAILABLE. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public List<SessionDigest> digests() {
        return received(SessionDigest.class);
    }

    public List<SessionSlotSync> syncs() {
        return received(SessionSlotSync.class);
    }

    public List<PublishWrite> writes() {
        return received(PublishWrite.class);
    }
}
