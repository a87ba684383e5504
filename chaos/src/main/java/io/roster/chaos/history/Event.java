package io.roster.chaos.history;

import java.util.List;
import java.util.Objects;

/**
 * One line of a chaos run's history. {@link #t()} is milliseconds since the run started, taken when the thing had
 * happened (an SDK call had returned, a push had been received), so a server may have acted a little earlier.
 */
public sealed interface Event permits Event.Publish, Event.PublishFailed, Event.Unpublish, Event.UnpublishFailed,
        Event.Subscribe,
        Event.Unsubscribe, Event.Close, Event.Connected, Event.Push, Event.Fault, Event.Steady, Event.Quiesce,
        Event.End, AppEvent {

    long t();

    /** The {@code type} written in the history line. */
    String type();

    /**
     * A publish (or, for a {@code pub} already seen, a republish whose item replaces the previous one) that the
     * session accepted. Items are unique in a run, which is what lets the checker tell a lingering item from a
     * current one.
     *
     * @param calledAt when the call started ({@code t} when not recorded): a republish may take the previous item
     *                 away from pushes from then on, before it returns
     */
    record Publish(long t, String client, String dataId, String pub, String item, boolean pinned, long calledAt)
            implements Event {
        public Publish {
            required(client, "client");
            required(dataId, "dataId");
            required(pub, "pub");
            required(item, "item");
            calledAt = startedBy(calledAt, t);
        }

        public Publish(long t, String client, String dataId, String pub, String item, boolean pinned) {
            this(t, client, dataId, pub, item, pinned, t);
        }

        @Override
        public String type() {
            return "publish";
        }
    }

    /**
     * A publish or republish whose call threw: its item may or may not show up, now or later.
     *
     * @param calledAt when the call started ({@code t} when not recorded)
     */
    record PublishFailed(long t, String client, String dataId, String pub, String item, String error, long calledAt)
            implements Event {
        public PublishFailed {
            required(client, "client");
            required(dataId, "dataId");
            required(pub, "pub");
            required(item, "item");
            required(error, "error");
            calledAt = startedBy(calledAt, t);
        }

        public PublishFailed(long t, String client, String dataId, String pub, String item, String error) {
            this(t, client, dataId, pub, item, error, t);
        }

        @Override
        public String type() {
            return "publishFailed";
        }
    }

    /** @param calledAt when the call started ({@code t} when not recorded) */
    record Unpublish(long t, String client, String dataId, String pub, long calledAt) implements Event {
        public Unpublish {
            required(client, "client");
            required(dataId, "dataId");
            required(pub, "pub");
            calledAt = startedBy(calledAt, t);
        }

        public Unpublish(long t, String client, String dataId, String pub) {
            this(t, client, dataId, pub, t);
        }

        @Override
        public String type() {
            return "unpublish";
        }
    }

    /**
     * An unpublish whose call threw: the session may have dropped the publisher or not, and the SDK keeps it, so
     * the item the publisher held is in doubt until its next successful call.
     */
    record UnpublishFailed(long t, String client, String dataId, String pub, String error, long calledAt)
            implements Event {
        public UnpublishFailed {
            required(client, "client");
            required(dataId, "dataId");
            required(pub, "pub");
            required(error, "error");
            calledAt = startedBy(calledAt, t);
        }

        public UnpublishFailed(long t, String client, String dataId, String pub, String error) {
            this(t, client, dataId, pub, error, t);
        }

        @Override
        public String type() {
            return "unpublishFailed";
        }
    }

    record Subscribe(long t, String client, String sub, String dataId) implements Event {
        public Subscribe {
            required(client, "client");
            required(sub, "sub");
            required(dataId, "dataId");
        }

        @Override
        public String type() {
            return "subscribe";
        }
    }

    record Unsubscribe(long t, String sub) implements Event {
        public Unsubscribe {
            required(sub, "sub");
        }

        @Override
        public String type() {
            return "unsubscribe";
        }
    }

    /**
     * The client closed: every publisher of it is gone and every subscriber of it stops.
     *
     * @param calledAt when the close started ({@code t} when not recorded)
     */
    record Close(long t, String client, long calledAt) implements Event {
        public Close {
            required(client, "client");
            calledAt = startedBy(calledAt, t);
        }

        public Close(long t, String client) {
            this(t, client, t);
        }

        @Override
        public String type() {
            return "close";
        }
    }

    /** The client is now connected to {@code session}: at its first connect and after every move. */
    record Connected(long t, String client, String session) implements Event {
        public Connected {
            required(client, "client");
            required(session, "session");
        }

        @Override
        public String type() {
            return "connected";
        }
    }

    /**
     * A push received by a subscriber: the full list of {@code dataId}. {@code bytes} is null when the recorder did
     * not measure it.
     */
    record Push(long t, String sub, String dataId, long version, List<String> items, Integer bytes)
            implements Event {
        public Push {
            required(sub, "sub");
            required(dataId, "dataId");
            items = List.copyOf(required(items, "items"));
        }

        @Override
        public String type() {
            return "push";
        }
    }

    /**
     * An injected fault. A fault with a duration (a pause, a kill until the restart) is a start and an end event
     * with the same kind, role and target; {@code target} of a session is the address clients report in
     * {@link Connected}.
     */
    record Fault(long t, String kind, String role, String target, Phase phase) implements Event {
        public Fault {
            required(kind, "kind");
            required(role, "role");
            required(target, "target");
            required(phase, "phase");
        }

        @Override
        public String type() {
            return "fault";
        }
    }

    enum Phase {
        START, END;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** All pinned publishers are published: pushes from now on must hold every one of them. */
    record Steady(long t) implements Event {
        @Override
        public String type() {
            return "steady";
        }
    }

    /** Operations and faults stopped; whatever has not converged by {@link End} never did. */
    record Quiesce(long t) implements Event {
        @Override
        public String type() {
            return "quiesce";
        }
    }

    record End(long t) implements Event {
        @Override
        public String type() {
            return "end";
        }
    }

    /** A call cannot start after it returned; a recorder that says so is clamped to {@code t}. */
    private static long startedBy(long calledAt, long t) {
        return Math.min(calledAt, t);
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> "missing field " + field);
    }
}
