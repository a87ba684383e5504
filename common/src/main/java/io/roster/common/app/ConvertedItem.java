package io.roster.common.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interface-level form of an application instance, as an interface-level subscriber of interface X receives
 * it: {@code address} alone, or {@code address?k=v&k=v} with X's parameters from the instance's revision, overridden
 * by the instance's own parameters of the same name, keys sorted and URL-encoded (UTF-8).
 */
public final class ConvertedItem {
    private ConvertedItem() {
    }

    /** The item for {@code instance} as a provider of the interface {@code spec} describes. */
    public static String of(AppInstance instance, InterfaceSpec spec) {
        Map<String, String> params = spec.params();
        if (!instance.params().isEmpty()) {
            params = new TreeMap<>(params);
            params.putAll(instance.params());
        }
        return params.isEmpty() ? instance.address() : instance.address() + "?" + query(params);
    }

    public static byte[] bytes(AppInstance instance, InterfaceSpec spec) {
        return of(instance, spec).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code k=v&k=v}, keys in the map's order (sorted maps give a canonical text), URL-encoded. */
    static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(AppInstance.encodeComponent(k)).append('=').append(AppInstance.encodeComponent(v));
        });
        return b.toString();
    }
}
