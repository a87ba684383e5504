package io.roster.client;

/** One live subscriber of this client; kept across session failures like a {@link Publication}. */
public interface Subscription {
    /** The canonical dataInfoId subscribed to. */
    String dataInfoId();

    /** The client-chosen id of this registration, stable across reconnects; pushes name it. */
    String registerId();

    /**
     * Stops the pushes for this subscription (a delivery already under way may still finish). Idempotent once it
     * succeeded. While the client is disconnected this only forgets it locally, as for {@link Publication#unpublish()}.
     * Throws like {@link Publication#unpublish()}; after a throw the subscription is still live and keeps its pushes.
     */
    void unsubscribe();
}
