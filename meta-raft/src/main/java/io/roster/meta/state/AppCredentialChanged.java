package io.roster.meta.state;

import io.roster.common.acl.AppCredential;
import io.roster.common.acl.ClientAcl;

import java.util.Objects;

/**
 * An application token was created ({@code on}: {@code value} is its SHA-256; the token itself never enters the
 * log) or revoked ({@code value} is a token id, empty for all of the app's live tokens). A value this version would
 * not take fails the entry (see {@link #check()}).
 */
public final class AppCredentialChanged implements MetaRecord {
    private final String app;
    private final String value;
    private final boolean on;

    public AppCredentialChanged(String app, String value, boolean on) {
        this.app = app;
        this.value = value;
        this.on = on;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public String value() {
        return value == null ? "" : value;
    }

    public boolean on() {
        return on;
    }

    @Override
    public void check() {
        ClientAcl.checkApp(app());
        if (on) {
            new AppCredential(app(), value(), false, 0); // checks the hash's form
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppCredentialChanged r && app().equals(r.app()) && value().equals(r.value()) && on == r.on;
    }

    @Override
    public int hashCode() {
        return Objects.hash(app(), value(), on);
    }

    @Override
    public String toString() {
        return "AppCredentialChanged{" + app + (on ? " token " : " revoke ") + (on ? value().substring(0, Math.min(12, value().length())) : value()) + "}";
    }
}
