package io.roster.client;

import io.roster.client.push.PushDispatcher;
import io.roster.client.registry.SubscriptionRecord;

/** A subscription handle. */
final class DefaultSubscription implements Subscription {
    private final Registrar registrar;
    private final SubscriptionRecord record;
    private final PushDispatcher dispatcher;
    private boolean unsubscribed; // guarded by this

    DefaultSubscription(Registrar registrar, SubscriptionRecord record, PushDispatcher dispatcher) {
        this.registrar = registrar;
        this.record = record;
        this.dispatcher = dispatcher;
    }

    @Override
    public String dataInfoId() {
        return record.dataInfoId();
    }

    @Override
    public String registerId() {
        return record.registerId();
    }

    @Override
    public synchronized void unsubscribe() {
        registrar.checkOpen();
        if (unsubscribed) {
            return;
        }
        registrar.unsubscribe(record); // throws if the session still has it: then it stays subscribed
        unsubscribed = true;
        dispatcher.forget(record.registerId()); // a push waiting behind a blocked listener goes nowhere now
    }

    @Override
    public String toString() {
        return "Subscription{" + record.dataInfoId() + " " + record.registerId() + "}";
    }
}
