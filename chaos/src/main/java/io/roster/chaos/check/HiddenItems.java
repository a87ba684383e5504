package io.roster.chaos.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of a dual-published address a list should not show, while both forms are live: in an old subscriber's
 * list the converted item (the interface-level one is kept), in a {@code subscribeInterface} view the
 * interface-level item (the application-level one wins). The two forms travel in different datums (and, for a view,
 * different subscriptions: flow 5e lists the interface-level item until the app datum's push brings the instance),
 * and a close or a dropped connection takes them away in either order, so such an item is allowed but not required:
 * an {@link ItemDoubt} from when it became hidden until it is no longer hidden (or changed, or gone), plus the ghost
 * bound. Listing both forms in one list is judged apart ({@link DuplicateAddressCheck}).
 */
final class HiddenItems {
    private record Open(String item, long from) {
    }

    /** dataId -> derived pub -> its hidden item since when. */
    private final Map<String, Map<String, Open>> open = new HashMap<>();
    private final List<ItemDoubt> doubts = new ArrayList<>();

    /**
     * Sets what is hidden under {@code dataId} now ({@code hidden}: derived pub -> item), at {@code t} by the call
     * that started at {@code calledAt}, which {@code cause} names.
     */
    void update(String dataId, Map<String, String> hidden, long t, long calledAt, String cause) {
        Map<String, Open> held = open.computeIfAbsent(dataId, k -> new LinkedHashMap<>());
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Open> h = it.next();
            if (!h.getValue().item().equals(hidden.get(h.getKey()))) {
                doubts.add(new ItemDoubt(dataId, h.getValue().item(), h.getKey(), h.getValue().from(), t,
                        cause + " (listable while hidden by dual publishing until then)"));
                it.remove();
            }
        }
        hidden.forEach((pub, item) -> held.putIfAbsent(pub, new Open(item, Math.min(calledAt, t))));
    }

    /** Every doubt, those still open at the end unsettled. */
    List<ItemDoubt> doubts() {
        List<ItemDoubt> all = new ArrayList<>(doubts);
        open.forEach((dataId, held) -> held.forEach((pub, o) ->
                all.add(new ItemDoubt(dataId, o.item(), pub, o.from(), ItemSpan.NEVER, null))));
        return all;
    }
}
