package io.roster.session.registry;

import io.roster.common.model.Publisher;

/** A publisher, the connection it was last registered over, and whether client-off holds it here (not at data). */
public record PublisherEntry(Publisher publisher, ConnectionHandle connection, boolean off) {
    /** The publisher of {@code e} as data should hold it: null when there is none or it is off. */
    static Publisher active(PublisherEntry e) {
        return e == null || e.off ? null : e.publisher;
    }
}
