package io.roster.common.app;

import java.util.List;

/** One entry of the interface-to-applications pairs: an interface and applications that have provided it. */
public final class InterfaceProviders {
    private final String interfaceId;
    private final List<String> apps;

    public InterfaceProviders(String interfaceId, List<String> apps) {
        this.interfaceId = interfaceId;
        this.apps = List.copyOf(apps);
    }

    public String interfaceId() {
        return interfaceId;
    }

    public List<String> apps() {
        return apps == null ? List.of() : apps;
    }

    @Override
    public String toString() {
        return interfaceId + "<-" + apps();
    }
}
