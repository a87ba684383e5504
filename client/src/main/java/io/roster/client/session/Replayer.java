package io.roster.client.session;

/** Captures, under the link's lock, what a new connection must be given; the returned replay sends it. */
@FunctionalInterface
public interface Replayer {
    Replay capture();
}
