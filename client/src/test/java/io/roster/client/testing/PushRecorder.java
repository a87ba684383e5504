package io.roster.client.testing;

import io.roster.client.SubscriptionListener;

/** The test kit's push recorder as the SDK's listener type: {@code onData} has the listener's shape. */
public final class PushRecorder extends io.roster.testkit.PushRecorder implements SubscriptionListener {
}
