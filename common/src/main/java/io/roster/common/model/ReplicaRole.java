package io.roster.common.model;

/** What a data node is for one slot in the table it holds. Wire order: append only. */
public enum ReplicaRole {
    LEADER, FOLLOWER
}
