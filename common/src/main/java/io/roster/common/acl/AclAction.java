package io.roster.common.acl;

import io.roster.common.model.InvalidInputException;

/** What an ACL rule lets an application do with the dataIds its pattern matches. Travels by {@link #key()}. */
public enum AclAction {
    PUBLISH("publish"),
    SUBSCRIBE("subscribe");

    private final String key;

    AclAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static AclAction ofKey(String key) {
        for (AclAction a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        throw new InvalidInputException("'" + key + "' is not an ACL action (publish or subscribe)");
    }
}
