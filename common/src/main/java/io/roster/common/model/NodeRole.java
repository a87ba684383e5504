package io.roster.common.model;

/** The roles a Roster process can run. Wire order: append only. */
public enum NodeRole {
    META, DATA, SESSION
}
