package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

/**
 * The identities publishers repeat, one instance each on this data node: a dataInfoId is shared by every publisher of
 * its datum, an appName, zone and clientId by every publisher of a client or app, a session {@link ProcessId} by all
 * of that session's. Publishers arrive decoded from the wire or from disk, each with its own copies of these strings;
 * without sharing they were most of a publisher's heap. Owned by one store, so nothing here is static.
 */
final class Identities {
    private final WeakInterner<String> strings = new WeakInterner<>();
    private final WeakInterner<ProcessId> processes = new WeakInterner<>();

    /**
     * An equal publisher holding the shared instances, with its data items in an immutable list of their exact size
     * (a decoded publisher holds them in a growable list). The registerId is unique per publisher and stays as is.
     */
    Publisher canonical(Publisher p) {
        return new Publisher(p.registerId(), strings.intern(p.dataInfoId()), strings.intern(p.clientId()),
                strings.intern(p.appName()), strings.intern(p.zone()), p.data(), p.version(), p.registerTimestamp(),
                processes.intern(p.sessionProcessId()), p.connectionGeneration());
    }

    /** The shared instance of a dataInfoId (or any other identity string). */
    String canonical(String identity) {
        return strings.intern(identity);
    }

    /** Distinct strings and processes held: for tests of what is shared and what is released. */
    int held() {
        return strings.size() + processes.size();
    }
}
