package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;

import java.util.ArrayList;
import java.util.List;

/** Builds a history in a test, one line per call, for the cases too small to deserve a recorded file. */
final class Run {
    private final List<Event> events = new ArrayList<>();

    Run connected(long t, String client, String session) {
        return add(new Event.Connected(t, client, session));
    }

    Run publish(long t, String client, String dataId, String pub, String item, boolean pinned) {
        return add(new Event.Publish(t, client, dataId, pub, item, pinned));
    }

    Run publishFailed(long t, String client, String dataId, String pub, String item) {
        return add(new Event.PublishFailed(t, client, dataId, pub, item, "RosterRequestException: timeout"));
    }

    Run unpublish(long t, String client, String dataId, String pub) {
        return add(new Event.Unpublish(t, client, dataId, pub));
    }

    Run unpublishFailed(long t, String client, String dataId, String pub) {
        return add(new Event.UnpublishFailed(t, client, dataId, pub, "RosterRequestException: timeout"));
    }

    Run subscribe(long t, String client, String sub, String dataId) {
        return add(new Event.Subscribe(t, client, sub, dataId));
    }

    Run unsubscribe(long t, String sub) {
        return add(new Event.Unsubscribe(t, sub));
    }

    Run close(long t, String client) {
        return add(new Event.Close(t, client));
    }

    Run push(long t, String sub, String dataId, long version, String... items) {
        return add(new Event.Push(t, sub, dataId, version, List.of(items), null));
    }

    Run fault(long t, String kind, String role, String target, Event.Phase phase) {
        return add(new Event.Fault(t, kind, role, target, phase));
    }

    Run steady(long t) {
        return add(new Event.Steady(t));
    }

    Run end(long t) {
        return add(new Event.End(t));
    }

    History history() {
        return new History(events);
    }

    Run add(Event e) {
        events.add(e);
        return this;
    }
}
