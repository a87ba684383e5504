package io.roster.chaos.history;

import io.roster.common.app.AppInstance;
import io.roster.common.app.ConvertedItem;
import io.roster.common.app.InterfaceSpec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The events of application-level discovery (issue 15): application instances published, rolled out to another
 * revision and unpublished, and what {@code subscribeInterface} listeners got. Interfaces are named exactly as the
 * interface-level events of the same history name their dataIds, so the checker can join the two.
 */
public sealed interface AppEvent extends Event permits AppEvent.Publish, AppEvent.PublishFailed, AppEvent.Unpublish,
        AppEvent.UnpublishFailed, AppEvent.Subscribe, AppEvent.Instances {

    /**
     * What one application instance serves after a call: its app, address, revision digest with the revision's
     * interfaces (interface -> its parameters) and the instance's own parameters.
     */
    record Instance(String app, String address, String revision, Map<String, Map<String, String>> interfaces,
                    Map<String, String> params) {
        public Instance {
            required(app, "app");
            required(address, "address");
            required(revision, "revision");
            Map<String, Map<String, String>> copy = new TreeMap<>();
            required(interfaces, "interfaces").forEach((k, v) -> copy.put(k,
                    Collections.unmodifiableMap(new TreeMap<>(v))));
            interfaces = Collections.unmodifiableMap(copy);
            params = Collections.unmodifiableMap(new TreeMap<>(params == null ? Map.of() : params));
            new AppInstance(revision, address, params); // a malformed digest or address is named on reading
        }

        public boolean provides(String interfaceId) {
            return interfaces.containsKey(interfaceId);
        }

        /** The interface-level item of this instance as a provider of {@code interfaceId}: {@link ConvertedItem}. */
        public String item(String interfaceId) {
            Map<String, String> spec = interfaces.get(interfaceId);
            if (spec == null) {
                throw new IllegalArgumentException(app + " instance " + address + " does not serve " + interfaceId);
            }
            return ConvertedItem.of(new AppInstance(revision, address, params), new InterfaceSpec(interfaceId, spec));
        }
    }

    /**
     * {@code publishApplication} (or, with {@code rollout}, {@code ApplicationPublication.update}: a rollout step to
     * another revision) that returned: {@code pub} serves {@code instance} from now on.
     */
    record Publish(long t, String client, String pub, Instance instance, boolean rollout, long calledAt)
            implements AppEvent {
        public Publish {
            required(client, "client");
            required(pub, "pub");
            required(instance, "instance");
            calledAt = Math.min(calledAt, t);
        }

        @Override
        public String type() {
            return rollout ? "appRollout" : "appPublish";
        }
    }

    /** A publish or rollout that threw: {@code instance} is what it tried to set; the session may have taken it. */
    record PublishFailed(long t, String client, String pub, Instance instance, boolean rollout, String error,
                         long calledAt) implements AppEvent {
        public PublishFailed {
            required(client, "client");
            required(pub, "pub");
            required(instance, "instance");
            required(error, "error");
            calledAt = Math.min(calledAt, t);
        }

        @Override
        public String type() {
            return rollout ? "appRolloutFailed" : "appPublishFailed";
        }
    }

    record Unpublish(long t, String client, String app, String pub, long calledAt) implements AppEvent {
        public Unpublish {
            required(client, "client");
            required(app, "app");
            required(pub, "pub");
            calledAt = Math.min(calledAt, t);
        }

        @Override
        public String type() {
            return "appUnpublish";
        }
    }

    record UnpublishFailed(long t, String client, String app, String pub, String error, long calledAt)
            implements AppEvent {
        public UnpublishFailed {
            required(client, "client");
            required(app, "app");
            required(pub, "pub");
            required(error, "error");
            calledAt = Math.min(calledAt, t);
        }

        @Override
        public String type() {
            return "appUnpublishFailed";
        }
    }

    /** {@code subscribeInterface(interfaceId)} returned; {@code sub} stops with an ordinary unsubscribe or close. */
    record Subscribe(long t, String client, String sub, String interfaceId) implements AppEvent {
        public Subscribe {
            required(client, "client");
            required(sub, "sub");
            required(interfaceId, "interfaceId");
        }

        @Override
        public String type() {
            return "interfaceSubscribe";
        }
    }

    /**
     * An {@code InterfaceListener} call: the {@code item} of every {@code InterfaceInstance} it got, and the SDK's
     * own version of the subscription.
     */
    record Instances(long t, String sub, String interfaceId, long version, List<String> items, Integer bytes)
            implements AppEvent {
        public Instances {
            required(sub, "sub");
            required(interfaceId, "interfaceId");
            items = List.copyOf(required(items, "items"));
        }

        @Override
        public String type() {
            return "instances";
        }
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> "missing field " + field);
    }
}
