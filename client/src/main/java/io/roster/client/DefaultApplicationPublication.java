package io.roster.client;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application instance's publication: one publisher in the application's datum whose one item is the
 * {@link AppInstance} (revision digest, address, instance parameters). The revision goes with the publisher's record,
 * so the registrar registers it before each publish and every replay registers it before the publishes.
 */
final class DefaultApplicationPublication implements ApplicationPublication {
    private final String app;
    private final String address;
    private final RegistryLimits limits;
    private final DefaultPublication publication;

    DefaultApplicationPublication(String app, String address, RegistryLimits limits, DefaultPublication publication) {
        this.app = app;
        this.address = address;
        this.limits = limits;
        this.publication = publication;
    }

    /** What {@code app} at {@code address} serving {@code metadata} publishes, checked locally. */
    record Content(Revision revision, AppInstance instance) {
        List<byte[]> data() {
            return List.of(instance.encode());
        }
    }

    static Content content(String app, String address, ApplicationMetadata metadata, RegistryLimits limits) {
        Objects.requireNonNull(metadata, "metadata");
        try {
            AppIds.checkAppName(app, limits);
            List<InterfaceSpec> specs = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : metadata.interfaces().entrySet()) {
                specs.add(InterfaceSpec.of(e.getKey(), e.getValue(), limits));
            }
            Revision revision = Revision.of(app, specs, limits);
            return new Content(revision, new AppInstance(revision.digest(), address, metadata.instanceParams()));
        } catch (InvalidInputException e) {
            throw new InvalidRegistrationException("invalid application instance of " + app + " at " + address + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String revision() {
        return publication.revision().digest();
    }

    @Override
    public Publication publication() {
        return publication;
    }

    @Override
    public void update(ApplicationMetadata metadata) {
        Content next = content(app, address, metadata, limits);
        publication.republish(next.data(), next.revision());
    }

    @Override
    public void unpublish() {
        publication.unpublish();
    }

    @Override
    public String toString() {
        return "ApplicationPublication{" + app + " " + address + " " + publication.registerId() + "}";
    }
}
