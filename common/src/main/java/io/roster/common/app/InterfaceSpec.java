package io.roster.common.app;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One interface an application revision serves, with that interface's own parameters (timeout, serialization,
 * version, weight...): two interfaces of one application may differ in them. {@code dataInfoId} is the canonical
 * interface-level dataInfoId its interface-level consumers subscribe to. Immutable; parameters sorted by key.
 */
public final class InterfaceSpec implements Comparable<InterfaceSpec> {
    public static final int MAX_PARAMS = 64;
    public static final int MAX_PARAM_KEY_CHARS = 128;
    public static final int MAX_PARAM_VALUE_CHARS = 1024;

    private final String dataInfoId;
    private final Map<String, String> params;
    /** {@code params} sorted; protostuff skips transient fields and decodes the map as it likes. */
    private transient Map<String, String> sorted;

    public InterfaceSpec(String dataInfoId, Map<String, String> params) {
        this.dataInfoId = dataInfoId;
        this.params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** A spec of {@code interfaceId} (bare or canonical), checked and canonicalised. */
    public static InterfaceSpec of(String interfaceId, Map<String, String> params, RegistryLimits limits) {
        InterfaceSpec spec = new InterfaceSpec(DataInfoId.parse(interfaceId, limits).toString(), params);
        spec.check(limits);
        return spec;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    /** The parameters, sorted by key (a copy decoded from the wire is sorted again here). */
    public Map<String, String> params() {
        Map<String, String> s = sorted;
        if (s == null) {
            s = params == null || params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
            sorted = s;
        }
        return s;
    }

    /** Throws {@link InvalidInputException} naming what is wrong: a bad interface id or parameter. */
    public void check(RegistryLimits limits) {
        if (params != null && params.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            // found by ClientRequestFuzzTest: a decoded null key failed sorting the parameters (NullPointerException)
            throw new InvalidInputException("interface " + dataInfoId + " has a parameter without its key or value");
        }
        DataInfoId parsed = DataInfoId.parse(dataInfoId, limits);
        if (!parsed.toString().equals(dataInfoId)) {
            throw new InvalidInputException("interface " + dataInfoId + " is not in canonical form " + parsed.toString());
        }
        if (AppIds.isReserved(parsed)) {
            throw new InvalidInputException("interface " + dataInfoId + " is in the reserved group " + parsed.group());
        }
        Map<String, String> p = params();
        if (p.size() > MAX_PARAMS) {
            throw new InvalidInputException("interface " + dataInfoId + " has " + p.size() + " parameters, over the limit of "
                    + MAX_PARAMS);
        }
        p.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > MAX_PARAM_KEY_CHARS) {
                throw new InvalidInputException("interface " + dataInfoId + " has a parameter name that is empty or over "
                        + MAX_PARAM_KEY_CHARS + " characters");
            }
            if (v == null || v.length() > MAX_PARAM_VALUE_CHARS) {
                throw new InvalidInputException("parameter " + k + " of interface " + dataInfoId + " is missing or over "
                        + MAX_PARAM_VALUE_CHARS + " characters");
            }
        });
    }

    @Override
    public int compareTo(InterfaceSpec o) {
        return dataInfoId.compareTo(o.dataInfoId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceSpec s && dataInfoId.equals(s.dataInfoId) && params().equals(s.params());
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataInfoId, params());
    }

    @Override
    public String toString() {
        return dataInfoId + params();
    }
}
