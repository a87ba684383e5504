package io.roster.meta.raft;

/**
 * Told when this meta node starts and stops leading. Called on the state machine's thread, in log order: when
 * {@link #leaderStarted} runs, every entry of earlier terms has been applied. Implementations must not block.
 */
public interface LeadershipListener {
    void leaderStarted(long term);

    void leaderStopped();
}
