package io.roster.client.core;

import io.roster.client.registry.PublisherRecord;
import io.roster.client.registry.SubscriberRecord;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;

/** Builds the wire requests of one client from its registration records. */
record RequestFactory(String clientId, String appName, String zone) {

    /** The publish of {@code record} on the client's connection number {@code connectionGeneration}. */
    PublishRequest publish(PublisherRecord record, long connectionGeneration) {
        return new PublishRequest(clientId, appName, record.registerId(), record.dataInfoId(), record.data(), record.version(),
                zone, connectionGeneration);
    }

    UnpublishRequest unpublish(PublisherRecord record) {
        return new UnpublishRequest(clientId, record.registerId(), record.dataInfoId());
    }

    SubscribeRequest subscribe(SubscriberRecord record) {
        return new SubscribeRequest(clientId, appName, record.registerId(), record.dataInfoId(), zone);
    }

    UnsubscribeRequest unsubscribe(SubscriberRecord record) {
        return new UnsubscribeRequest(clientId, record.registerId(), record.dataInfoId());
    }
}
