package io.roster.session.catalog;

import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registers again with meta a revision that a catalog update dropped while instances here still serve it. A
 * registration answered from this session's copy never reaches meta, so meta may collect the revision (unused there
 * for the grace) just before the instance is published here and reported: without this, the next fetch drops it and
 * the instance is invisible for good. The content comes from the copy before the drop; on OK the registration path
 * puts it back in the copy. Tried when the drop is seen, then at every heartbeat while the revision is in use here
 * and missing from the copy. A dropped revision nobody serves at that heartbeat is forgotten (an instance stored
 * just after its publish check passed, while the drop happened, is seen in use by then).
 */
final class RevisionRescue implements CatalogListener {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionRescue.class);

    private final SessionCatalog catalog;
    private final RevisionsInUse inUse;
    private final Function<RevisionRegistration, CompletionStage<SimpleReply>> register;
    /** Dropped revisions not settled yet (back in the copy, or unused at a heartbeat), by digest. */
    private final Map<String, Revision> dropped = new ConcurrentHashMap<>();
    private final Map<String, Boolean> trying = new ConcurrentHashMap<>();

    RevisionRescue(SessionCatalog catalog, RevisionsInUse inUse,
                   Function<RevisionRegistration, CompletionStage<SimpleReply>> register) {
        this.catalog = catalog;
        this.inUse = inUse;
        this.register = register;
    }

    @Override
    public void onCatalogChanged(RevisionCatalog before, RevisionCatalog after) {
        boolean inUseDropped = false;
        for (Revision r : before.revisions()) {
            if (after.revision(r.digest()) == null) {
                dropped.put(r.digest(), r);
                inUseDropped |= inUse.publishersOf(r.digest()) > 0;
            }
        }
        if (inUseDropped) {
            retry(after, false);
        }
    }

    /** At each heartbeat: registers again every dropped revision still in use and missing; forgets the others. */
    void heartbeat() {
        retry(catalog.current(), true);
    }

    private void retry(RevisionCatalog current, boolean forgetUnused) {
        for (Revision r : dropped.values()) {
            String digest = r.digest();
            if (current.revision(digest) != null) {
                dropped.remove(digest, r);
            } else if (inUse.publishersOf(digest) > 0) {
                registerAgain(r);
            } else if (forgetUnused) {
                dropped.remove(digest, r);
            }
        }
    }

    private void registerAgain(Revision r) {
        if (trying.putIfAbsent(r.digest(), Boolean.TRUE) != null) {
            return;
        }
        try {
            LOG.info("revision {} of app {} was collected by meta but instances here serve it: registering it again",
                    r.digest(), r.app());
            register.apply(new RevisionRegistration(r)).whenComplete((reply, e) -> {
                trying.remove(r.digest());
                if (e != null || reply.code() != ErrorCode.OK) {
                    LOG.warn("registering revision {} again failed, retrying at the next heartbeat: {}", r.digest(),
                            e != null ? e.toString() : reply.code() + " " + reply.message());
                }
            });
        } catch (RuntimeException e) {
            trying.remove(r.digest());
            LOG.warn("registering revision {} again failed, retrying at the next heartbeat: {}", r.digest(), e.toString());
        }
    }
}
