package io.roster.datastore.rpc;

import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotOwnership;
import io.roster.datastore.store.SlotStore;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the data node's request handlers share.
 *
 * @param ownership the slot ownership of the newest slot table; read once per request
 * @param executor  the pool handlers run on (not bolt's default pool)
 */
public record DataRequestContext(SlotStore store, Supplier<SlotOwnership> ownership, RequestChecks checks,
                                 ChangeNotifier notifier, SessionConnections sessions, Executor executor) {
}
