package io.roster.chaos.check;

import io.roster.chaos.history.Event;

import java.util.Collection;
import java.util.stream.Collectors;

/** Wording shared by the violation details, so that they read alike and can be grepped alike. */
final class Text {
    private Text() {
    }

    static String quote(String item) {
        return "\"" + item + "\"";
    }

    static String quoted(Collection<String> items) {
        return items.stream().map(Text::quote).collect(Collectors.joining(", "));
    }

    /** {@code push v12 to sub s3 at t=5400}: how every push violation starts. */
    static String push(Event.Push p) {
        return "push v" + p.version() + " to sub " + p.sub() + " at t=" + p.t();
    }
}
