package io.roster.common.acl;

import io.roster.common.model.InvalidInputException;

import java.util.Objects;

/**
 * One application token as meta keeps it: the SHA-256 of the token (never the token), its short id (the first 12
 * hex digits of that hash, what {@code roster acl token revoke APP ID} names), whether it was revoked, and the meta
 * log index that created it. Immutable and protostuff-friendly: fields may only be appended.
 */
public final class AppCredential {
    private final String app;
    private final String sha256;
    private final boolean revoked;
    private final long createdAt;

    public AppCredential(String app, String sha256, boolean revoked, long createdAt) {
        this.app = ClientAcl.checkApp(app);
        this.sha256 = Tokens.checkHash(sha256);
        this.revoked = revoked;
        this.createdAt = createdAt;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public String sha256() {
        return sha256 == null ? "" : sha256;
    }

    public String id() {
        return Tokens.idOf(sha256());
    }

    public boolean revoked() {
        return revoked;
    }

    public long createdAt() {
        return createdAt;
    }

    AppCredential revokedNow() {
        return revoked ? this : new AppCredential(app, sha256, true, createdAt);
    }

    /** Whether {@code id} names this credential (its id, or its whole hash). */
    boolean named(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException("a token id is empty");
        }
        return id().equalsIgnoreCase(id) || sha256().equalsIgnoreCase(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppCredential c && app().equals(c.app()) && sha256().equals(c.sha256()) && revoked == c.revoked
                && createdAt == c.createdAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(app(), sha256(), revoked, createdAt);
    }

    @Override
    public String toString() {
        return "AppCredential{" + app + " " + id() + (revoked ? " revoked" : "") + "}";
    }
}
