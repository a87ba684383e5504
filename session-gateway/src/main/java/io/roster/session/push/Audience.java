package io.roster.session.push;

import io.roster.session.registry.SubscriberRecord;

import java.util.Collection;

/** The push plan's view of who subscribes here: the client registry in the session, a map in tests. */
public interface Audience {
    boolean hasSubscribers(String dataInfoId);

    Collection<SubscriberRecord> subscribersOf(String dataInfoId);

    /** Whether {@code s} is still the registered subscriber of its registerId and its connection is open. */
    boolean canPushTo(SubscriberRecord s);
}
