package io.roster.client.session;

import java.util.List;

/** Where a client finds the sessions it may connect to: a fixed list from config, or meta's list of live ones. */
public interface SessionDirectory extends AutoCloseable {
    /** The session addresses to try now, in order; may be empty (meta not reached yet). Never blocks. */
    List<String> addresses();

    /** A connection failed or was lost: a good moment to refresh the list, off the caller's thread. */
    void refreshSoon();

    /** Says where the addresses come from, for error messages. */
    String describe();

    @Override
    void close();

    /** The fixed list given as {@code sessions}. */
    static SessionDirectory fixed(List<String> addresses) {
        return new Fixed(List.copyOf(addresses));
    }

    /** The sessions from config: never refreshed. */
    record Fixed(List<String> addresses) implements SessionDirectory {
        @Override
        public void refreshSoon() {
        }

        @Override
        public String describe() {
            return "configured";
        }

        @Override
        public void close() {
        }
    }
}
