package io.roster.client;

import io.roster.client.registry.PublisherRecord;
import io.roster.common.app.Revision;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.RegistryLimits;

import java.util.List;

/** A publication handle; its methods are serialized so the session sees its versions in order. */
final class DefaultPublication implements Publication {
    private final Registrar registrar;
    private final RegistryLimits limits;
    private final DataInfoId dataInfoId;
    private final String registerId;
    private PublisherRecord current; // guarded by this
    private boolean unpublished; // guarded by this

    DefaultPublication(Registrar registrar, RegistryLimits limits, DataInfoId dataInfoId, PublisherRecord first) {
        this.registrar = registrar;
        this.limits = limits;
        this.dataInfoId = dataInfoId;
        this.registerId = first.registerId();
        this.current = first;
    }

    @Override
    public String dataInfoId() {
        return dataInfoId.toString();
    }

    @Override
    public String registerId() {
        return registerId;
    }

    @Override
    public synchronized long version() {
        return current.version();
    }

    @Override
    public void republish(String... data) {
        republish(Data.utf8(data));
    }

    @Override
    public synchronized void republish(List<byte[]> data) {
        registrar.checkOpen();
        if (unpublished) {
            throw new IllegalStateException("publication " + registerId + " of " + dataInfoId + " was unpublished");
        }
        PublisherRecord next = current.next(InputChecks.data(dataInfoId, data, limits));
        registrar.republish(current, next);
        current = next;
    }

    /** The revision the publication serves (an application instance's), or null. */
    synchronized Revision revision() {
        return current.revision();
    }

    /** Replaces an application instance's item, serving {@code revision} from now on (registered first). */
    synchronized void republish(List<byte[]> data, Revision revision) {
        registrar.checkOpen();
        if (unpublished) {
            throw new IllegalStateException("publication " + registerId + " of " + dataInfoId + " was unpublished");
        }
        PublisherRecord next = current.next(InputChecks.data(dataInfoId, data, limits), revision);
        registrar.republish(current, next);
        current = next;
    }

    @Override
    public synchronized void unpublish() {
        registrar.checkOpen();
        if (unpublished) {
            return;
        }
        registrar.unpublish(current); // throws if the session still has it: then it stays published
        unpublished = true;
    }

    @Override
    public String toString() {
        return "Publication{" + dataInfoId + " " + registerId + "}";
    }
}
