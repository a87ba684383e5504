package io.roster.client.registry;

import io.roster.common.app.Revision;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;

/** Builds the wire requests of one client from its registration records. */
public record RequestFactory(String clientId, String appName, String zone) {

    /** The publish of {@code record} on the client's connection number {@code connectionGeneration}. */
    public PublishRequest publish(PublisherRecord record, long connectionGeneration) {
        return new PublishRequest(clientId, appName, record.registerId(), record.dataInfoId(), record.data(), record.version(),
                zone, connectionGeneration);
    }

    public UnpublishRequest unpublish(PublisherRecord record) {
        return new UnpublishRequest(clientId, record.registerId(), record.dataInfoId());
    }

    public SubscribeRequest subscribe(SubscriptionRecord record) {
        return new SubscribeRequest(clientId, appName, record.registerId(), record.dataInfoId(), zone,
                record.interfaceOnly());
    }

    public RevisionRegistration register(Revision revision) {
        return new RevisionRegistration(revision);
    }

    public UnsubscribeRequest unsubscribe(SubscriptionRecord record) {
        return new UnsubscribeRequest(clientId, record.registerId(), record.dataInfoId());
    }
}
