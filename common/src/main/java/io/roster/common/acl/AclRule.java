package io.roster.common.acl;

import io.roster.common.lever.LeverValues;
import io.roster.common.model.InvalidInputException;

import java.util.Objects;

/**
 * {@code allow APP publish|subscribe PATTERN}: the application may publish (or subscribe to) every dataId the glob
 * {@code pattern} matches ({@code *} = any run of characters, the blacklist-dataid matching of
 * {@link LeverValues#matches}). Immutable and protostuff-friendly: fields may only be appended.
 */
public final class AclRule implements Comparable<AclRule> {
    private final String app;
    private final String action;
    private final String pattern;

    /** Checked: a bad app name, action or pattern raises InvalidInputException naming it. */
    public AclRule(String app, AclAction action, String pattern) {
        this.app = ClientAcl.checkApp(app);
        this.action = Objects.requireNonNull(action, "action").key();
        this.pattern = LeverValues.pattern(pattern);
    }

    /** Parses {@code APP publish|subscribe PATTERN} (the words of {@code roster acl allow}). */
    public static AclRule parse(String app, String action, String pattern) {
        if (action == null) {
            throw new InvalidInputException("an ACL rule needs an action (publish or subscribe)");
        }
        return new AclRule(app, AclAction.ofKey(action), pattern);
    }

    public String app() {
        return app == null ? "" : app;
    }

    public AclAction action() {
        return AclAction.ofKey(action);
    }

    public String pattern() {
        return pattern == null ? "" : pattern;
    }

    /** Whether this rule lets {@code app} do {@code action} on {@code dataId}. */
    public boolean allows(String app, AclAction action, String dataId) {
        return app().equals(app) && this.action.equals(action.key()) && LeverValues.matches(pattern(), dataId);
    }

    @Override
    public int compareTo(AclRule o) {
        int c = app().compareTo(o.app());
        c = c != 0 ? c : action.compareTo(o.action);
        return c != 0 ? c : pattern().compareTo(o.pattern());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclRule r && app().equals(r.app()) && Objects.equals(action, r.action) && pattern().equals(r.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(app(), action, pattern());
    }

    @Override
    public String toString() {
        return "allow " + app + " " + action + " " + pattern;
    }
}
