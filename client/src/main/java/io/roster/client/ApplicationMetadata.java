package io.roster.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an application instance serves, for {@link RosterClient#publishApplication}: each interface (bare or
 * canonical dataInfoId) with its own parameters (timeout, serialization, version, weight...), and the instance's own
 * parameters (which override an interface's parameter of the same name for this instance). Immutable. Instances with
 * the same interfaces and interface parameters share one revision, registered once.
 */
public final class ApplicationMetadata {
    private final Map<String, Map<String, String>> interfaces;
    private final Map<String, String> instanceParams;

    private ApplicationMetadata(Map<String, Map<String, String>> interfaces, Map<String, String> instanceParams) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        interfaces.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        this.interfaces = Collections.unmodifiableMap(copy);
        this.instanceParams = Collections.unmodifiableMap(new TreeMap<>(instanceParams));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Interfaces without parameters. */
    public static ApplicationMetadata of(String... interfaceIds) {
        Builder b = builder();
        for (String id : interfaceIds) {
            b.addInterface(id, Map.of());
        }
        return b.build();
    }

    /** interface id -> its parameters, sorted by interface id. */
    public Map<String, Map<String, String>> interfaces() {
        return interfaces;
    }

    public Map<String, String> instanceParams() {
        return instanceParams;
    }

    @Override
    public String toString() {
        return "ApplicationMetadata{" + interfaces.keySet() + (instanceParams.isEmpty() ? "" : " " + instanceParams) + "}";
    }

    public static final class Builder {
        private final Map<String, Map<String, String>> interfaces = new LinkedHashMap<>();
        private final Map<String, String> instanceParams = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds (or replaces) an interface with its parameters. */
        public Builder addInterface(String interfaceId, Map<String, String> params) {
            interfaces.put(interfaceId, Map.copyOf(params));
            return this;
        }

        /** A parameter of this instance (e.g. weight), overriding the interfaces' parameter of the same name. */
        public Builder instanceParam(String key, String value) {
            instanceParams.put(key, value);
            return this;
        }

        public ApplicationMetadata build() {
            return new ApplicationMetadata(interfaces, instanceParams);
        }
    }
}
