package io.roster.meta.state;

import io.roster.common.acl.AclRule;

import java.util.Objects;

/**
 * An ACL rule {@code allow APP ACTION PATTERN} was added ({@code on}) or removed. The action travels by its key,
 * never by enum ordinal; a rule this version would not take fails the entry (see {@link #check()}).
 */
public final class AclRuleChanged implements MetaRecord {
    private final String app;
    private final String action;
    private final String pattern;
    private final boolean on;

    public AclRuleChanged(AclRule rule, boolean on) {
        this.app = rule.app();
        this.action = rule.action().key();
        this.pattern = rule.pattern();
        this.on = on;
    }

    public AclRule rule() {
        return AclRule.parse(app, action, pattern);
    }

    public boolean on() {
        return on;
    }

    @Override
    public void check() {
        rule();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclRuleChanged r && Objects.equals(app, r.app) && Objects.equals(action, r.action)
                && Objects.equals(pattern, r.pattern) && on == r.on;
    }

    @Override
    public int hashCode() {
        return Objects.hash(app, action, pattern, on);
    }

    @Override
    public String toString() {
        return "AclRuleChanged{allow " + app + " " + action + " " + pattern + "=" + (on ? "on" : "off") + "}";
    }
}
