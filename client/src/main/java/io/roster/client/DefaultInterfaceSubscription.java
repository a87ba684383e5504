package io.roster.client;

import io.roster.client.push.PushDispatcher;
import io.roster.client.registry.SubscriptionRecord;

/**
 * A {@code subscribeInterface} handle: the providers datum's and the interface's own (interface-only)
 * subscriptions, and the view the routing table derives; unsubscribing undoes all of it, the shared application
 * subscriptions only where no other interface subscription needs them.
 */
final class DefaultInterfaceSubscription implements Subscription {
    private final Registrar registrar;
    private final PushDispatcher dispatcher;
    private final AppRouting routing;
    private final InterfaceView view;
    private final SubscriptionRecord providers;
    private final SubscriptionRecord interfaceLevel;
    private boolean providersGone; // guarded by this
    private boolean interfaceLevelGone; // guarded by this

    DefaultInterfaceSubscription(Registrar registrar, PushDispatcher dispatcher, AppRouting routing, InterfaceView view,
                                 SubscriptionRecord providers, SubscriptionRecord interfaceLevel) {
        this.registrar = registrar;
        this.dispatcher = dispatcher;
        this.routing = routing;
        this.view = view;
        this.providers = providers;
        this.interfaceLevel = interfaceLevel;
    }

    @Override
    public String dataInfoId() {
        return view.interfaceId;
    }

    /** The registerId of the interface's own (interface-only) subscription. */
    @Override
    public String registerId() {
        return interfaceLevel.registerId();
    }

    @Override
    public synchronized void unsubscribe() {
        registrar.checkOpen();
        if (!interfaceLevelGone) {
            registrar.unsubscribe(interfaceLevel); // throws if the session still has it: then all stays
            interfaceLevelGone = true;
            dispatcher.forget(interfaceLevel.registerId());
        }
        if (!providersGone) {
            registrar.unsubscribe(providers);
            providersGone = true;
            dispatcher.forget(providers.registerId());
            routing.close(view);
        }
    }

    @Override
    public String toString() {
        return "InterfaceSubscription{" + view.interfaceId + " " + interfaceLevel.registerId() + "}";
    }
}
