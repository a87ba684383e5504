package io.roster.common.wire;

/** Outcome of a call. Wire order: append only. */
public enum ErrorCode {
    OK,
    /** The request is malformed or breaks a limit; retrying the same request fails the same way. */
    INVALID_REQUEST,
    /** This meta node is not the Raft leader; the reply names the leader when it knows one. */
    NOT_LEADER,
    /** This data node does not lead the slot in its slot table; refresh the table and retry. */
    SLOT_NOT_OWNED,
    /** The slot is led here but not ready to serve (ARCHITECTURE.md invariant 3); retry shortly. */
    SLOT_NOT_READY,
    /** A dependency is unreachable (no data node for the slot, no meta quorum); retry later. */
    UNAVAILABLE,
    /** A bug or an unexpected failure on the server; the message says what. */
    INTERNAL_ERROR,
    /** The request breaks a configured cap (the message names the setting); retrying it fails the same way. */
    LIMIT_EXCEEDED,
    /** This session serves as many clients as session.max-clients allows; connect to another session. */
    SESSION_FULL,
    /** An operator's lever refuses it (a blacklisted IP or dataId pattern); the message names the lever. Not retried. */
    REFUSED,
    /** The client or its session is over its registration or subscription rate; the SDK retries with backoff. */
    RATE_LIMITED,
    /** The client (or node) presented no valid credentials; the message says what was missing or wrong. Not retried. */
    UNAUTHENTICATED,
    /** The credentials are valid but the ACL does not allow this operation on this dataId. Not retried. */
    FORBIDDEN;

    public boolean retryable() {
        return this == NOT_LEADER || this == SLOT_NOT_OWNED || this == SLOT_NOT_READY || this == UNAVAILABLE
                || this == RATE_LIMITED;
    }
}
