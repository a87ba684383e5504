package io.roster.session.push;

/**
 * How a session's {@link PushEngine} pushes.
 *
 * @param debounceMs            the window after a round's read in which more changes of that dataInfoId merge into the
 *                              next round, at its end; an isolated change goes at once (session.push-debounce-ms)
 * @param compressMinBytes      data of at least this many bytes is pushed deflated; 0 never (session.push-compress-min-bytes)
 * @param maxPendingPerClient   pushes awaiting one connection's ack at once (session.max-pending-pushes-per-client)
 */
public record PushOptions(long debounceMs, int compressMinBytes, int maxPendingPerClient) {
    public PushOptions {
        if (debounceMs < 0 || compressMinBytes < 0 || maxPendingPerClient < 1) {
            throw new IllegalArgumentException("bad push options: " + debounceMs + " ms debounce, compress from "
                    + compressMinBytes + " bytes, " + maxPendingPerClient + " pending pushes per client");
        }
    }

    /** Defaults for tests and embedders: the given debounce, compression from 8 KiB, 256 pending pushes per client. */
    public static PushOptions withDebounce(long debounceMs) {
        return new PushOptions(debounceMs, 8192, 256);
    }
}
