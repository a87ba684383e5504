package io.roster.client;

import io.roster.common.app.AppInstance;
import io.roster.common.app.ConvertedItem;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.ServiceAddress;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One {@code subscribeInterface}: the applications its providers datum lists, the interface-level items of the
 * interface itself, and the list last handed to the listener. The instances are not held here: they are derived
 * from the shared {@link AppShare}s and the revision cache each time something changes. State guarded by the
 * {@link AppRouting}.
 */
final class InterfaceView {
    final String interfaceId;
    final SerialDelivery delivery;
    final SortedSet<String> apps = new TreeSet<>();
    List<String> interfaceItems = List.of();
    boolean providersSeen;
    boolean interfaceSeen;
    boolean closed;
    private List<InterfaceInstance> last;
    private long version;

    InterfaceView(String interfaceId, SerialDelivery delivery) {
        this.interfaceId = interfaceId;
        this.delivery = delivery;
    }

    /**
     * The list now, or null while the first one would be partial (the providers, the interface's own publishers or
     * a listed application's datum not pushed yet, a revision asked for the first time) or it equals the last
     * one handed over.
     */
    List<InterfaceInstance> changedList(Function<String, AppShare> shares, RevisionCache revisions) {
        if (closed || !providersSeen || !interfaceSeen) {
            return null;
        }
        List<InterfaceInstance> out = new ArrayList<>();
        Set<String> appAddresses = new HashSet<>();
        for (String app : apps) {
            AppShare share = shares.apply(app);
            if (share == null || !share.loaded) {
                if (last == null) {
                    return null;
                }
                continue; // a newly listed application adds its instances once its datum came
            }
            for (AppInstance instance : share.instances) {
                Revision revision = revisions.get(instance.revision());
                if (revision == null && revisions.firstAnswerPending(instance.revision())) {
                    return null; // recomputed when the answer comes
                }
                InterfaceSpec spec = revision == null ? null : revision.spec(interfaceId);
                if (spec == null) {
                    continue; // unknown revision (until fetched), or one that does not serve this interface
                }
                String item = ConvertedItem.of(instance, spec);
                String address = ServiceAddress.of(item);
                appAddresses.add(address);
                Map<String, String> params = new TreeMap<>(spec.params());
                params.putAll(instance.params());
                out.add(new InterfaceInstance(address, params, item, app));
            }
        }
        for (String item : interfaceItems) {
            String address = ServiceAddress.of(item);
            if (!appAddresses.contains(address)) { // published both ways: the application-level one stands
                out.add(new InterfaceInstance(address, queryParams(item), item, null));
            }
        }
        List<InterfaceInstance> list = List.copyOf(out);
        if (list.equals(last)) {
            return null;
        }
        last = list;
        return list;
    }

    /** The version of the list {@link #changedList} just returned: the subscription's own count. */
    long nextVersion() {
        return ++version;
    }

    /** The interface-level items held (for the routing stats). */
    int interfaceItemCount() {
        return interfaceItems.size();
    }

    /** The query parameters of an interface-level item ({@code address?k=v&k=v}); malformed pairs are skipped. */
    static Map<String, String> queryParams(String item) {
        int q = item.indexOf('?');
        if (q < 0) {
            return Map.of();
        }
        int end = item.indexOf('#', q);
        String query = item.substring(q + 1, end < 0 ? item.length() : end);
        Map<String, String> out = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not URL-encoded text: leave the pair out rather than the provider
            }
        }
        return out;
    }
}
