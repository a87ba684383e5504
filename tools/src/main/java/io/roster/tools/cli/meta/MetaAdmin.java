package io.roster.tools.cli.meta;

import java.util.List;

/**
 * Membership operations on the meta Raft group. Addresses are host:port, spelled as in meta.peers (JRaft compares
 * them as text). Every method throws {@link MetaCallException} when no member answers or the leader refuses; a
 * change whose answer never came is thrown as {@link MetaCallException#unanswered}, since it may still take effect.
 * A change call returning normally does not prove the change: read {@link #membership()} to see it.
 */
public interface MetaAdmin extends AutoCloseable {
    /** The current leader's address. */
    String leader();

    Membership membership();

    /** Adds a voting peer; it must already run with meta.join=true. Returns once the new configuration is committed. */
    void addPeer(String peer);

    /** Removes a voting peer from the configuration; the removed process keeps running. */
    void removePeer(String peer);

    /** Removes a learner (JRaft's removePeer answers OK to a learner and leaves it in place). */
    void removeLearner(String learner);

    /** Moves to exactly {@code peers} through joint consensus. */
    void changePeers(List<String> peers);

    /** Asks the leader to hand leadership to {@code peer}; returns when the hand-over has started, not finished. */
    void transferLeader(String peer);

    /** Makes {@code peer} take a snapshot now. */
    void snapshot(String peer);

    @Override
    void close();
}
