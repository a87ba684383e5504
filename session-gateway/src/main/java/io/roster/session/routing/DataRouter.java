package io.roster.session.routing;

import io.roster.common.view.ClusterView;
import io.roster.common.model.Datum;
import io.roster.common.retry.Backoff;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.InterestWithdrawal;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.Reply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sends a session's writes and reads to the leader of the slot they hash to, as named by the newest slot table,
 * retrying with backoff through leader changes and unreachable nodes until the call's deadline. Each attempt gets
 * only a share of that deadline, so a leader that died without closing its connections costs one short attempt,
 * and the next attempt goes to the leader named by the slot table meta sent meanwhile.
 */
public final class DataRouter {
    private static final Logger LOG = LoggerFactory.getLogger(DataRouter.class);
    /** Between the attempts of one routed call: 5 ms, doubling, at most 200 ms. */
    private static final Backoff BACKOFF = Backoff.ofMillis(5, 200);
    /** An attempt may take at most this share of the call's deadline, leaving the rest for the new leader. */
    private static final int ATTEMPTS_PER_DEADLINE = 3;

    private final RpcCaller caller;
    private final Supplier<ClusterView> view;
    private final ProcessId sessionProcessId;
    private final int timeoutMs;
    private final int attemptTimeoutMs;
    private final LongSupplier interestSeq;
    private final SlotLeaderFence fence;

    /**
     * @param timeoutMs   the deadline of one routed call, over all its attempts (rpc.timeout-ms)
     * @param interestSeq the registry's subscription sequence, which reads for pushes declare interest with
     */
    public DataRouter(RpcCaller caller, Supplier<ClusterView> view, ProcessId sessionProcessId, int timeoutMs,
                      LongSupplier interestSeq) {
        this(caller, view, sessionProcessId, timeoutMs, interestSeq, new SlotLeaderFence());
    }

    /** @param fence the slot leaders this session answered a digest query of, ahead of its slot table */
    public DataRouter(RpcCaller caller, Supplier<ClusterView> view, ProcessId sessionProcessId, int timeoutMs,
                      LongSupplier interestSeq, SlotLeaderFence fence) {
        this.fence = fence;
        this.interestSeq = interestSeq;
        this.caller = caller;
        this.view = view;
        this.sessionProcessId = sessionProcessId;
        this.timeoutMs = timeoutMs;
        this.attemptTimeoutMs = Math.max(1, timeoutMs / ATTEMPTS_PER_DEADLINE);
    }

    public WriteReply publish(Publisher p) {
        return route(p.dataInfoId(), WriteReply.class, (slot, leader) -> new PublishWrite(slot, p),
                (code, msg) -> new WriteReply(code, msg, 0));
    }

    /** @param removedAt the registration-clock tick at which this session dropped it (0: unknown) */
    public WriteReply unpublish(String dataInfoId, String registerId, long removedAt) {
        return route(dataInfoId, WriteReply.class, (slot, leader) -> new UnpublishWrite(slot, dataInfoId, registerId,
                        sessionProcessId, removedAt),
                (code, msg) -> new WriteReply(code, msg, 0));
    }

    /** Reads a datum from its slot leader; throws {@link RpcFailure} when no leader answers in time. */
    public Datum read(String dataInfoId) {
        return read(dataInfoId, false);
    }

    /**
     * Reads a datum for this session's subscribers: the leader also takes it as this session's interest in the
     * datum's change notices (targeted notices, docs/ARCHITECTURE.md).
     */
    public Datum readForPush(String dataInfoId) {
        return read(dataInfoId, true, 0).datum();
    }

    /**
     * As {@link #readForPush(String)}, asking for the changes since {@code sinceVersion} (0: whole); the reply may be
     * a delta ({@link DatumReply#isDelta}) or whole.
     */
    public DatumReply readForPush(String dataInfoId, long sinceVersion) {
        return read(dataInfoId, true, sinceVersion);
    }

    private Datum read(String dataInfoId, boolean declareInterest) {
        return read(dataInfoId, declareInterest, 0).datum();
    }

    private DatumReply read(String dataInfoId, boolean declareInterest, long sinceVersion) {
        DatumReply reply = route(dataInfoId, DatumReply.class, (slot, leader) -> declareInterest
                        ? new GetDatumRequest(slot, dataInfoId, sessionProcessId, interestSeq.getAsLong(), sinceVersion)
                        : new GetDatumRequest(slot, dataInfoId),
                (code, msg) -> new DatumReply(code, msg, null));
        if (!reply.ok() || reply.datum() == null) {
            throw new RpcFailure("cannot read " + dataInfoId + ": " + reply, null);
        }
        return reply;
    }

    /**
     * Takes a client's publishers off every data node (each applies it to the slots it leads). Returns false if a
     * node could not be reached; meta's expiry of this session, or a retry, covers that.
     */
    public boolean clientOff(String clientId, long registeredBefore, long removedAt) {
        boolean all = true;
        ClientOffWrite write = new ClientOffWrite(sessionProcessId, clientId, registeredBefore, removedAt);
        for (NodeInfo data : view.get().dataNodes()) {
            try {
                WriteReply reply = caller.call(data.address(), write, WriteReply.class, timeoutMs);
                all &= reply.ok();
            } catch (RpcFailure e) {
                LOG.warn("client-off of {} on {} failed: {}", clientId, data.address(), e.getMessage());
                all = false;
            }
        }
        return all;
    }

    /**
     * Tells every data node that this session has no subscribers of {@code dataInfoIds} any more (as of
     * {@code seq}). Returns false if a node could not be told; it then sends a few notices this session ignores.
     */
    public boolean withdrawInterest(long seq, List<String> dataInfoIds) {
        boolean all = true;
        InterestWithdrawal withdrawal = new InterestWithdrawal(sessionProcessId, seq, dataInfoIds);
        for (NodeInfo data : view.get().dataNodes()) {
            try {
                all &= caller.call(data.address(), withdrawal, SimpleReply.class, timeoutMs).ok();
            } catch (RpcFailure e) {
                LOG.debug("interest withdrawal on {} failed: {}", data.address(), e.getMessage());
                all = false;
            }
        }
        return all;
    }

    /** Registers this session's notice connection with every data node; cheap and idempotent, so sent every heartbeat. */
    public void helloAll() {
        SessionHello hello = new SessionHello(sessionProcessId);
        for (NodeInfo data : view.get().dataNodes()) {
            try {
                caller.call(data.address(), hello, SimpleReply.class, timeoutMs);
            } catch (RpcFailure e) {
                LOG.debug("hello to {} failed: {}", data.address(), e.getMessage());
            }
        }
    }

    /**
     * Calls the slot's leader until it gives a final answer or the deadline passes. Every attempt reads the slot table
     * again, so one after a failover goes to the new leader. Retrying a write whose attempt timed out is safe even if
     * the old leader applied it: publishes are idempotent by (registerId, version), unpublishes and their removal
     * stamps too, and the old leader's copy is superseded by the new leader's reconciliation with this session.
     */
    private <R extends Reply> R route(String dataInfoId, Class<R> replyType, BiFunction<Integer, String, Object> request,
                                      BiFunction<ErrorCode, String, R> failure) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        Backoff.Sequence backoff = BACKOFF.sequence();
        long wait = backoff.next();
        R last = null;
        String lastProblem;
        while (true) {
            SlotTable table = view.get().slotTable();
            if (table.slotCount() == 0) {
                lastProblem = "no slot table from meta yet";
            } else {
                int slotId = new SlotFunction(table.slotCount()).slotOf(dataInfoId);
                String leader = leaderOf(table, slotId);
                if (leader.isEmpty()) {
                    lastProblem = "slot " + slotId + " has no leader (no live data node)";
                } else {
                    long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    int attemptMs = (int) Math.min(remainingMs, attemptTimeoutMs);
                    try {
                        // A refused or reset connection fails at once (bolt fails the pending call when its channel
                        // closes); only a silent leader costs the whole attempt.
                        last = caller.call(leader, request.apply(slotId, leader), replyType, attemptMs);
                        if (!last.code().retryable()) {
                            return last;
                        }
                        lastProblem = "slot " + slotId + " leader " + leader + " answered " + last;
                    } catch (RpcFailure e) {
                        lastProblem = e.getMessage();
                    }
                }
            }
            if (System.nanoTime() + wait * 1_000_000L >= deadline) {
                return last != null && last.code().retryable() ? failure.apply(last.code(), lastProblem)
                        : failure.apply(ErrorCode.UNAVAILABLE, lastProblem);
            }
            sleep(wait);
            wait = backoff.next();
        }
    }

    /** Where a write of {@code dataInfoId} goes now: its slot and that slot's leader, or "" and why there is none. */
    record Target(int slot, String leader, String problem) {
    }

    Target target(String dataInfoId) {
        SlotTable table = view.get().slotTable();
        if (table.slotCount() == 0) {
            return new Target(-1, "", "no slot table from meta yet");
        }
        int slotId = new SlotFunction(table.slotCount()).slotOf(dataInfoId);
        String leader = leaderOf(table, slotId);
        return new Target(slotId, leader, leader.isEmpty() ? "slot " + slotId + " has no leader (no live data node)" : "");
    }

    ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    int timeoutMs() {
        return timeoutMs;
    }

    int attemptTimeoutMs() {
        return attemptTimeoutMs;
    }

    /** The address to send slot {@code slotId}'s calls to now, or "" when it has none: the one place that decides it. */
    private String leaderOf(SlotTable table, int slotId) {
        Slot slot = fence.route(table.slot(slotId)); // a leader this session answered, ahead of its table
        return slot.hasLeader() ? slot.leader() : "";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFailure("interrupted while waiting for a slot leader", e);
        }
    }
}
