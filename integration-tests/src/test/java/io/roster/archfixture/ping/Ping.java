package io.roster.archfixture.ping;

import io.roster.archfixture.pong.Pong;

/**
 * Fixture for ArchitectureTest: half of a deliberate package cycle (ping -> pong -> ping). Lives in test code, so the
 * import of the production tree never sees it.
 */
public final class Ping {
    private Ping() {
    }

    public static Pong answer() {
        return Pong.serve();
    }

    public static Ping serve() {
        return new Ping();
    }
}
