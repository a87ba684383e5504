package io.roster.session.registry;

import io.roster.common.model.Publisher;

/**
 * Told of every change of a publisher stored in a {@link ClientRegistry}: stored ({@code old} null), replaced, or
 * removed ({@code neu} null), including undos and a closed connection's sweep. Called inside the registry's update of
 * that registerId, so it must be quick and must not call back into the registry.
 */
@FunctionalInterface
public interface PublisherChanges {
    void changed(Publisher old, Publisher neu);
}
