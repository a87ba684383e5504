package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;
import io.roster.common.app.ServiceAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DUPLICATE_ADDRESS: one list (an old subscriber's converted list, or a {@code subscribeInterface} listener call)
 * holds an address both ways, an interface-level item and an application-level (converted) item at the same
 * {@link ServiceAddress}. Each list is computed from one state (the session's read of the datums, the SDK's view),
 * which shows a dual-published address once (APP-DESIGN flows 5e and 6), so no transient excuses it. Which of the
 * two forms a list shows while both are live is not judged here ({@link HiddenItems}).
 */
final class DuplicateAddressCheck {
    private DuplicateAddressCheck() {
    }

    static List<Violation> run(RunIndex run, Set<String> appItems, Set<String> interfaceItems) {
        List<Violation> violations = new ArrayList<>();
        if (appItems.isEmpty()) {
            return violations;
        }
        for (Event e : run.history().events()) {
            if (!(e instanceof Event.Push push)) {
                continue;
            }
            Map<String, List<String>> app = new LinkedHashMap<>();
            Map<String, List<String>> plain = new LinkedHashMap<>();
            for (String item : new LinkedHashSet<>(push.items())) {
                if (appItems.contains(item)) {
                    app.computeIfAbsent(ServiceAddress.of(item), k -> new ArrayList<>()).add(item);
                } else if (interfaceItems.contains(item)) {
                    plain.computeIfAbsent(ServiceAddress.of(item), k -> new ArrayList<>()).add(item);
                }
            }
            List<String> both = new ArrayList<>();
            app.forEach((address, items) -> {
                if (plain.containsKey(address)) {
                    both.add("address " + address + " as interface-level " + Text.quoted(plain.get(address))
                            + " and application-level " + Text.quoted(items));
                }
            });
            if (!both.isEmpty()) {
                violations.add(new Violation(ViolationKind.DUPLICATE_ADDRESS, push.dataId(), push.sub(), push.t(),
                        Text.push(push) + " of " + push.dataId() + " lists " + String.join("; ", both),
                        run.evidence().around(push.dataId(), push.t())));
            }
        }
        return violations;
    }
}
