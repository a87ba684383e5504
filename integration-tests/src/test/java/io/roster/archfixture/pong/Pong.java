package io.roster.archfixture.pong;

import io.roster.archfixture.ping.Ping;

/** Fixture for ArchitectureTest: the other half of the deliberate package cycle (pong -> ping -> pong). */
public final class Pong {
    private Pong() {
    }

    public static Ping answer() {
        return Ping.serve();
    }

    public static Pong serve() {
        return new Pong();
    }
}
