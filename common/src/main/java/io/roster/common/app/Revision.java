package io.roster.common.app;

import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an application instance serves: its application and the interfaces with their parameters, named by a digest
 * of exactly that content ({@link RevisionDigest}). Instances of one application with the same interfaces share a
 * revision; a pod of a rollout that serves another set has another. Immutable; interfaces sorted by dataInfoId.
 */
public final class Revision {
    public static final int MAX_INTERFACES = 1024;

    private final String app;
    private final String digest;
    private final List<InterfaceSpec> interfaces;
    /** dataInfoId -> spec, built on first use; protostuff skips transient fields. */
    private transient Map<String, InterfaceSpec> byInterface;

    public Revision(String app, String digest, List<InterfaceSpec> interfaces) {
        this.app = app;
        this.digest = digest;
        this.interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    /** The revision of {@code app} serving {@code interfaces}, checked, sorted and digested. */
    public static Revision of(String app, List<InterfaceSpec> interfaces, RegistryLimits limits) {
        List<InterfaceSpec> sorted = new ArrayList<>(interfaces);
        Collections.sort(sorted);
        Revision r = new Revision(app, RevisionDigest.of(app, sorted), sorted);
        r.check(limits);
        return r;
    }

    public String app() {
        return app;
    }

    public String digest() {
        return digest;
    }

    public List<InterfaceSpec> interfaces() {
        return interfaces == null ? List.of() : interfaces;
    }

    /** The spec of {@code interfaceDataInfoId} (canonical) in this revision, or null when it does not serve it. */
    public InterfaceSpec spec(String interfaceDataInfoId) {
        Map<String, InterfaceSpec> index = byInterface;
        if (index == null) {
            index = new HashMap<>();
            for (InterfaceSpec s : interfaces()) {
                index.put(s.dataInfoId(), s);
            }
            byInterface = index;
        }
        return index.get(interfaceDataInfoId);
    }

    public boolean provides(String interfaceDataInfoId) {
        return spec(interfaceDataInfoId) != null;
    }

    /**
     * Throws {@link InvalidInputException} naming what is wrong: a bad app name or interface, interfaces unsorted or
     * repeated, too many, or a digest that is not the digest of the content (a revision received from the network is
     * checked with this before it is stored).
     */
    public void check(RegistryLimits limits) {
        AppIds.checkAppName(app, limits);
        List<InterfaceSpec> list = interfaces();
        if (list.isEmpty()) {
            throw new InvalidInputException("revision of app " + app + " serves no interface");
        }
        if (list.size() > MAX_INTERFACES) {
            throw new InvalidInputException("revision of app " + app + " has " + list.size()
                    + " interfaces, over the limit of " + MAX_INTERFACES);
        }
        for (int i = 0; i < list.size(); i++) {
            InterfaceSpec s = list.get(i);
            if (s == null) {
                throw new InvalidInputException("interface " + i + " of app " + app + "'s revision is missing");
            }
            s.check(limits);
            if (i > 0 && list.get(i - 1).dataInfoId().compareTo(s.dataInfoId()) >= 0) {
                throw new InvalidInputException("revision of app " + app + " lists interface " + s.dataInfoId()
                        + " twice or out of order");
            }
        }
        String expected = RevisionDigest.of(app, list);
        if (!expected.equals(digest)) {
            throw new InvalidInputException("revision of app " + app + " is named " + digest
                    + " but its content digests to " + expected);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Revision r && Objects.equals(app, r.app) && Objects.equals(digest, r.digest)
                && interfaces().equals(r.interfaces());
    }

    @Override
    public int hashCode() {
        return Objects.hash(app, digest);
    }

    @Override
    public String toString() {
        return "Revision{" + app + " " + digest + " " + interfaces().size() + " interface(s)}";
    }
}
