package io.roster.client;

import io.roster.client.registry.SubscriptionRecord;
import io.roster.common.app.AppInstance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The client's one subscription to an application's datum, shared by every interface subscription that resolves
 * to the application: its instances are held here once, however many interfaces use them. State guarded by the
 * {@link AppRouting}.
 */
final class AppShare {
    final String app;
    final SubscriptionRecord record;
    /** The interface subscriptions using it; it is released when none is left. */
    final Set<InterfaceView> views = new HashSet<>();
    List<AppInstance> instances = List.of();
    /** Whether the session pushed the datum at least once. */
    boolean loaded;
    boolean released;
    /** The subscribe under way or done; an unsubscribe on release waits for it. */
    CompletableFuture<Void> subscribed = CompletableFuture.completedFuture(null);

    /** {@code onData} gets this share and each list the session pushes for its datum. */
    AppShare(String app, String registerId, String dataInfoId, BiConsumer<AppShare, List<byte[]>> onData) {
        this.app = app;
        this.record = new SubscriptionRecord(registerId, dataInfoId, (id, data, version) -> onData.accept(this, data));
    }
}
