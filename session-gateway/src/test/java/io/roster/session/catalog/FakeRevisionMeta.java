package io.roster.session.catalog;

import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A meta leader stand-in on a real bolt port: every heartbeat answered with one slot table (all slots led by one
 * data node) and the revision catalog version the test set; a RevisionCatalogRequest answered from the catalog the
 * test set (every revision added, all of its live digests and pairs); a RevisionRegistration answered OK (the test
 * may then set a catalog containing it). Catalog replies can be held back until the test releases them.
 */
final class FakeRevisionMeta extends FakeBoltPeer {
    private final SlotTable table;
    private final List<NodeInfo> dataNodes;
    private volatile RevisionCatalog catalog = RevisionCatalog.EMPTY;
    private volatile long announced;
    private volatile SimpleReply registrationReply = new SimpleReply(ErrorCode.OK, "");
    private volatile CountDownLatch catalogGate = new CountDownLatch(0);
    private volatile CountDownLatch catalogAsked = new CountDownLatch(1);

    FakeRevisionMeta(String dataAddress, int slots) {
        super("fake-meta", 3);
        this.dataNodes = List.of(new NodeInfo(NodeRole.DATA, dataAddress, new ProcessId(dataAddress, 1, 1)));
        this.table = new SlotTable(1, IntStream.range(0, slots).mapToObj(i -> new Slot(i, dataAddress, List.of(), 1)).toList());
        handle(HeartbeatRequest.class, request -> new HeartbeatReply(ErrorCode.OK, "", "", table, dataNodes, List.of(),
                        null, 1, announced),
                (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
        handle(RevisionCatalogRequest.class, this::catalogReply,
                (code, message) -> new RevisionCatalogReply(code, message, ""));
        handle(RevisionRegistration.class, request -> registrationReply,
                (code, message) -> new SimpleReply(code, message));
        listen();
    }

    /** Meta's catalog is {@code next}; heartbeats announce its version from now on. */
    void catalog(RevisionCatalog next) {
        catalog = next;
        announced = next.version();
    }

    /** What registrations are answered from now on. */
    void answerRegistrations(SimpleReply reply) {
        registrationReply = reply;
    }

    /** Catalog requests from now on wait until {@link #releaseCatalogReplies()}. */
    void holdCatalogReplies() {
        catalogGate = new CountDownLatch(1);
        catalogAsked = new CountDownLatch(1);
    }

    void releaseCatalogReplies() {
        catalogGate.countDown();
    }

    /** Waits until a catalog request arrived (after {@link #holdCatalogReplies()}). */
    void awaitCatalogAsked() throws InterruptedException {
        if (!catalogAsked.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the session never asked for the catalog");
        }
    }

    private RevisionCatalogReply catalogReply(RevisionCatalogRequest request) {
        RevisionCatalog c = catalog; // read when asked, as meta answers from the image it has then
        catalogAsked.countDown();
        try {
            catalogGate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> live = new ArrayList<>();
        c.revisions().forEach(r -> live.add(r.digest()));
        return new RevisionCatalogReply(ErrorCode.OK, "", "", c.version(), List.copyOf(c.revisions()), live, c.pairs());
    }

    @Override
    protected void beforeClose() {
        releaseCatalogReplies();
    }
}
