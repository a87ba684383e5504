package io.roster.chaos.check;

import io.roster.chaos.history.Event;
import io.roster.chaos.report.Violation;
import io.roster.chaos.report.ViolationKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * GHOST: an item is not pushed once the ghost bound has passed since its publisher let go of it, or since the end
 * of the last {@link ItemDoubt} that let it be listed where no call published it. UNKNOWN_ITEM, on
 * the way: an item never published under the push's dataId should never be pushed at all. An item seen before its
 * publish returned is fine: the session took it before the SDK call came back.
 */
final class GhostCheck {
    private GhostCheck() {
    }

    static List<Violation> run(RunIndex run) {
        long bound = run.options().ghostBoundMs();
        List<Violation> violations = new ArrayList<>();
        for (Event e : run.history().events()) {
            if (!(e instanceof Event.Push push)) {
                continue;
            }
            List<String> ghosts = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String item : new LinkedHashSet<>(push.items())) {
                if (run.uncertainty().at(push.dataId(), item, push.t())) {
                    continue;
                }
                ItemSpan lastGone = null;
                boolean known = false;
                boolean current = false;
                List<ItemSpan> spans = new ArrayList<>(run.publications().ofItem(item));
                run.uncertainty().shownOf(push.dataId(), item).forEach(d -> spans.add(d.asSpan()));
                for (ItemSpan span : spans) {
                    if (!span.dataId().equals(push.dataId())) {
                        continue;
                    }
                    known = true;
                    if (span.goneAt() == ItemSpan.NEVER || span.goneAt() + bound >= push.t()) {
                        current = true; // live, gone only lately, or not yet published (the session was quicker)
                    } else if (lastGone == null || span.goneAt() > lastGone.goneAt()) {
                        lastGone = span;
                    }
                }
                if (!known) {
                    unknown.add(unknownDetail(run, item));
                } else if (!current) {
                    ghosts.add("item " + Text.quote(item) + " of pub " + lastGone.pub() + ", gone at t="
                            + lastGone.goneAt() + " by " + lastGone.goneBy());
                }
            }
            if (!ghosts.isEmpty()) {
                violations.add(new Violation(ViolationKind.GHOST, push.dataId(), push.sub(), push.t(),
                        Text.push(push) + " still has " + String.join("; ", ghosts) + " (ghost bound " + bound
                                + " ms)", run.evidence().around(push.dataId(), push.t())));
            }
            if (!unknown.isEmpty()) {
                violations.add(new Violation(ViolationKind.UNKNOWN_ITEM, push.dataId(), push.sub(), push.t(),
                        Text.push(push) + " of " + push.dataId() + " has " + String.join("; ", unknown),
                        run.evidence().around(push.dataId(), push.t())));
            }
        }
        return violations;
    }

    private static String unknownDetail(RunIndex run, String item) {
        List<ItemSpan> elsewhere = run.publications().ofItem(item);
        if (elsewhere.isEmpty()) {
            return "item " + Text.quote(item) + ", never published";
        }
        ItemSpan s = elsewhere.get(0);
        return "item " + Text.quote(item) + " of pub " + s.pub() + " published under " + s.dataId();
    }
}
