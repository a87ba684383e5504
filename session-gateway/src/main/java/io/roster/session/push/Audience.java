package io.roster.session.push;

import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.SubscriberRecord;

import java.util.Collection;

/** The push plan's view of who subscribes here: the client registry in the session, a map in tests. */
public interface Audience {
    boolean hasSubscribers(String dataInfoId);

    Collection<SubscriberRecord> subscribersOf(String dataInfoId);

    /** Whether {@code s} is still the registered subscriber of its registerId and its connection is open. */
    boolean canPushTo(SubscriberRecord s);

    /** The registry as the plan sees it: a subscriber can take pushes while registered and its connection is open. */
    static Audience of(ClientRegistry registry) {
        return new Audience() {
            @Override
            public boolean hasSubscribers(String dataInfoId) {
                return registry.hasSubscribers(dataInfoId);
            }

            @Override
            public Collection<SubscriberRecord> subscribersOf(String dataInfoId) {
                return registry.subscribersOf(dataInfoId);
            }

            @Override
            public boolean canPushTo(SubscriberRecord s) {
                return registry.isSubscribed(s) && s.connection().isOpen();
            }
        };
    }
}
