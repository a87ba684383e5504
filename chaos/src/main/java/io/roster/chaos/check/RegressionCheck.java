package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * REGRESSION: a subscriber's pushes never go back in version. Measured against the highest version it had
 * received, so that every push below it is reported, not only the first step down.
 */
final class RegressionCheck {
    private RegressionCheck() {
    }

    static List<Violation> run(RunIndex run) {
        Map<String, Event.Push> highest = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Event e : run.history().events()) {
            if (!(e instanceof Event.Push push)) {
                continue;
            }
            Event.Push top = highest.get(push.sub());
            if (top != null && push.version() < top.version()) {
                violations.add(new Violation(ViolationKind.REGRESSION, push.dataId(), push.sub(), push.t(),
                        Text.push(push) + " went back from v" + top.version() + " pushed at t=" + top.t(),
                        run.evidence().around(push.dataId(), push.t())));
            } else if (top == null || push.version() > top.version()) {
                highest.put(push.sub(), push);
            }
        }
        return violations;
    }
}
