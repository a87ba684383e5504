package io.roster.common.model;

import java.util.List;
import java.util.Objects;

/**
 * One slot's owners in a slot table. {@code leaderEpoch} rises every time the slot gets a new leader,
 * and seeds the versions that leader hands out (see {@link io.roster.common.slot.DatumVersions}).
 */
public final class Slot {
    private final int id;
    private final String leader;
    private final List<String> followers;
    private final long leaderEpoch;

    public Slot(int id, String leader, List<String> followers, long leaderEpoch) {
        this.id = id;
        this.leader = leader == null ? "" : leader;
        this.followers = List.copyOf(followers);
        this.leaderEpoch = leaderEpoch;
    }

    public int id() {
        return id;
    }

    /** The leader's data address, or "" when the slot has no leader (no live data node). */
    public String leader() {
        return leader == null ? "" : leader;
    }

    public boolean hasLeader() {
        return !leader().isEmpty();
    }

    public List<String> followers() {
        return followers == null ? List.of() : followers;
    }

    public long leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slot s && id == s.id && leader().equals(s.leader()) && followers().equals(s.followers())
                && leaderEpoch == s.leaderEpoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, leader(), followers(), leaderEpoch);
    }

    @Override
    public String toString() {
        return "Slot{" + id + " leader=" + leader + " followers=" + followers + " leaderEpoch=" + leaderEpoch + "}";
    }
}
