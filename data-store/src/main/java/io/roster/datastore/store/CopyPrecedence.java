package io.roster.datastore.store;

import io.roster.common.model.Publisher;

/**
 * Which of two copies of one registration (same registerId) a slot leader keeps, for puts and session syncs alike
 * (ARCHITECTURE.md invariant 5). Only orders the client itself defines decide between two sessions: its version, then the
 * generation of the connection it sent the copy on. registerTimestamps are ticks of two different hosts' clocks and
 * never decide ownership.
 */
final class CopyPrecedence {
    private CopyPrecedence() {
    }

    /** Whether {@code incoming} takes the place of {@code held}. */
    static boolean replaces(Publisher incoming, Publisher held) {
        if (incoming.version() != held.version()) {
            return incoming.version() > held.version();
        }
        if (incoming.connectionGeneration() != held.connectionGeneration()) {
            // A replay on the client's newer connection, or a late write from a connection it has left.
            return incoming.connectionGeneration() > held.connectionGeneration();
        }
        // Same version through the same connection: another session's copy can only be a late or duplicate write
        // (a connection reaches one session), so only the holder may restate it.
        return incoming.sessionProcessId().equals(held.sessionProcessId()) && !incoming.equals(held);
    }
}
