package io.roster.meta.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.entity.RaftOutter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.image.MetaListener;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.RecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The meta Raft group's state machine: replays each entry's records onto the immutable {@link MetaImage} as a
 * {@link MetaDelta} and swaps the next image in, so readers always see a whole image; listeners get (delta, image).
 * Snapshots hold the whole image in one file.
 */
public final class MetaStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    private final AtomicReference<MetaImage> image = new AtomicReference<>(MetaImage.EMPTY);
    private final AtomicReference<List<String>> peers;
    private final LeadershipListener leadership;
    private final List<MetaListener> listeners = new CopyOnWriteArrayList<>();
    private final RaftFigures figures = new RaftFigures(System::nanoTime);
    private volatile long appliedIndex;

    /** @param initialPeers the configured group, shown until a committed configuration replaces it */
    public MetaStateMachine(List<String> initialPeers, LeadershipListener leadership) {
        this.peers = new AtomicReference<>(List.copyOf(initialPeers));
        this.leadership = leadership;
    }

    /** Term, leadership, snapshot and expiry figures as this state machine saw them (for /metrics). */
    public RaftFigures figures() {
        return figures;
    }

    public MetaImage image() {
        return image.get();
    }

    /** The voting members of the latest committed configuration (known on followers too). */
    public List<String> committedPeers() {
        return peers.get();
    }

    /**
     * Calls {@code listener} with every image this node applies (each log entry, each loaded snapshot) and what
     * changed, in order, on jraft's state-machine thread: it must be quick and must not block.
     */
    public void addListener(MetaListener listener) {
        listeners.add(listener);
    }

    private void publish(MetaDelta delta, MetaImage next) {
        for (MetaListener l : listeners) {
            try {
                l.applied(delta, next);
            } catch (RuntimeException e) {
                LOG.error("meta state listener failed", e);
            }
        }
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public void onApply(Iterator it) {
        while (it.hasNext()) {
            List<MetaRecord> records;
            try {
                records = RecordCodec.decode(bytes(it.getData()));
            } catch (IllegalArgumentException e) {
                // Skipping an entry would silently fork this node's state from the others: stop applying instead.
                LOG.error("meta log entry {} is unreadable, stopping the state machine: {}", it.getIndex(), e.getMessage());
                it.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "unreadable meta log entry %d: %s",
                        it.getIndex(), e.getMessage()));
                return;
            }
            MetaDelta delta = MetaDelta.replaying(image.get(), records, it.getIndex());
            if (!delta.overCap().isEmpty()) {
                LOG.warn("meta log entry {} adds past a cap; skipped, as on every replica: {}", it.getIndex(), delta.overCap());
            }
            MetaImage next = delta.apply().atIndex(it.getIndex());
            image.set(next);
            appliedIndex = it.getIndex();
            figures.applied(records);
            publish(delta, next);
            Closure done = it.done();
            if (done instanceof ProposalClosure proposal) {
                proposal.applied(next);
            }
            if (done != null) {
                done.run(Status.OK());
            }
            it.next();
        }
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] out = new byte[data.remaining()];
        data.duplicate().get(out);
        return out;
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        MetaImage snapshot = image.get();
        try {
            StateSnapshotFile.write(Path.of(writer.getPath()), snapshot);
        } catch (RuntimeException e) {
            LOG.error("meta snapshot at index {} failed: {}", appliedIndex, e.getMessage());
            done.run(new Status(RaftError.EIO, "cannot write meta snapshot: %s", e.getMessage()));
            return;
        }
        if (!writer.addFile(StateSnapshotFile.NAME)) {
            done.run(new Status(RaftError.EIO, "cannot add %s to the meta snapshot", StateSnapshotFile.NAME));
            return;
        }
        LOG.info("meta snapshot saved at index {}: {} data, {} session nodes, slot table epoch {}, {}", appliedIndex,
                snapshot.dataNodes().size(), snapshot.sessionNodes().size(), snapshot.slotTable().epoch(), snapshot.switches());
        figures.snapshotTaken();
        done.run(Status.OK());
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        if (reader.getFileMeta(StateSnapshotFile.NAME) == null) {
            LOG.error("meta snapshot in {} has no {} file", reader.getPath(), StateSnapshotFile.NAME);
            return false;
        }
        try {
            MetaImage stored = StateSnapshotFile.read(Path.of(reader.getPath()));
            // A snapshot written before states carried their index: its last entry is no older than its content.
            MetaImage loaded = stored.appliedIndex() > 0 ? stored : stored.atIndex(snapshotIndex(reader));
            MetaDelta delta = MetaDelta.loading(image.get(), loaded);
            image.set(loaded);
            appliedIndex = Math.max(appliedIndex, loaded.appliedIndex());
            publish(delta, loaded);
            figures.snapshotTaken();
            LOG.info("meta snapshot loaded at index {}: {} data, {} session nodes, slot table epoch {}, {}",
                    loaded.appliedIndex(), loaded.dataNodes().size(), loaded.sessionNodes().size(),
                    loaded.slotTable().epoch(), loaded.switches());
            return true;
        } catch (RuntimeException e) {
            LOG.error("meta snapshot in {} is unreadable: {}", reader.getPath(), e.getMessage());
            return false;
        }
    }

    private static long snapshotIndex(SnapshotReader reader) {
        RaftOutter.SnapshotMeta meta = reader.load();
        return meta == null ? 0 : meta.getLastIncludedIndex();
    }

    @Override
    public void onLeaderStart(long term) {
        LOG.info("this meta node leads (term {})", term);
        figures.leaderStarted(term);
        leadership.leaderStarted(term);
    }

    @Override
    public void onLeaderStop(Status status) {
        LOG.info("this meta node stopped leading: {}", status);
        figures.leaderStopped();
        leadership.leaderStopped();
    }

    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        figures.followingStarted(ctx.getTerm());
    }

    @Override
    public void onConfigurationCommitted(Configuration conf) {
        peers.set(conf.getPeers().stream().map(p -> p.getEndpoint().toString()).toList());
    }

    @Override
    public void onError(RaftException e) {
        LOG.error("meta Raft node failed and stopped serving: {}", e.getStatus());
    }
}
