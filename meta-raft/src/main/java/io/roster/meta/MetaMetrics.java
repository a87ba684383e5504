package io.roster.meta;

import com.alipay.sofa.jraft.Node;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.RevisionCatalog;
import io.roster.meta.raft.MetaStateMachine;
import io.roster.meta.raft.RaftFigures;

import java.util.function.Supplier;

/**
 * A meta node's figures on /metrics. Every gauge reads a volatile field or the applied image at scrape time;
 * the commit index comes from jraft's ballot box, which reads it without a lock, so a scrape never stalls Raft.
 */
final class MetaMetrics {
    private MetaMetrics() {
    }

    static void register(MetricRegistry metrics, MetaStateMachine stateMachine, Supplier<Node> raftNode) {
        registerRevisions(metrics, stateMachine);
        RaftFigures figures = stateMachine.figures();
        metrics.gauge("meta.raft.term", () -> figures::term);
        metrics.gauge("meta.raft.commit-index", () -> () -> {
            Node n = raftNode.get();
            return n == null ? 0L : n.getLastCommittedIndex();
        });
        metrics.gauge("meta.raft.applied-index", () -> stateMachine::appliedIndex);
        metrics.gauge("meta.raft.leader", () -> () -> figures.leading() ? 1 : 0);
        metrics.register("meta.raft.leader-changes", figures.leaderChanges());
        metrics.gauge("meta.snapshot.age-seconds", () -> figures::snapshotAgeSeconds);
        metrics.gauge("meta.slot-table.epoch", () -> () -> stateMachine.image().slotTable().epoch());
        metrics.gauge("meta.nodes.data", () -> () -> stateMachine.image().dataNodes().size());
        metrics.gauge("meta.nodes.session", () -> () -> stateMachine.image().sessionNodes().size());
        metrics.register("meta.lease.expiries", figures.leaseExpiries());
    }

    /** Figures of this node's applied image: every meta node reports them, the followers lagging a little. */
    private static void registerRevisions(MetricRegistry metrics, MetaStateMachine stateMachine) {
        Supplier<RevisionCatalog> revisions = () -> stateMachine.image().revisions().catalog();
        metrics.gauge("meta.revisions", () -> () -> revisions.get().size());
        metrics.gauge("meta.apps", () -> () -> revisions.get().apps().size());
        Counter registered = metrics.counter("meta.revisions.registered");
        Counter collected = metrics.counter("meta.revisions.collected");
        stateMachine.addListener((delta, image) -> {
            registered.inc(delta.revisionsRegistered().size());
            collected.inc(delta.revisionsCollected().size());
        });
    }
}
