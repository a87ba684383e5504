package io.roster.common.acl;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.InvalidInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The client ACL as meta's log set it, immutable: the application tokens (as {@link AppCredential}s, hashes only)
 * and the {@code allow} rules, plus {@code version}, the meta log index that last changed them (0: never). Bounded
 * so that it fits in a heartbeat reply: at most {@link #MAX_ACTIVE_PER_APP} live tokens an app (rotation), the
 * {@link #MAX_REVOKED_PER_APP} latest revoked ones kept to name the reason of a refusal, {@link #MAX_CREDENTIALS}
 * credentials and {@link #MAX_RULES} rules in all (about 200 KB when full). Lists may be null in what was decoded
 * (protostuff leaves empty lists out), so accessors read through. Fields may only be appended.
 */
public final class ClientAcl {
    public static final ClientAcl NONE = new ClientAcl(List.of(), List.of(), 0);
    public static final int MAX_ACTIVE_PER_APP = 2;
    public static final int MAX_REVOKED_PER_APP = 2;
    public static final int MAX_CREDENTIALS = 1_000;
    public static final int MAX_RULES = 1_000;
    private static final Pattern APP = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final List<AppCredential> credentials;
    private final List<AclRule> rules;
    private final long version;

    public ClientAcl(List<AppCredential> credentials, List<AclRule> rules, long version) {
        this.credentials = credentials == null ? List.of() : List.copyOf(credentials);
        this.rules = rules == null ? List.of() : List.copyOf(new TreeSet<>(rules));
        this.version = version;
    }

    /** An application name as credentials and rules take it: 1-128 characters of A-Z a-z 0-9 . _ - */
    public static String checkApp(String app) {
        if (app == null || !APP.matcher(app).matches()) {
            throw new InvalidInputException("'" + app + "' is not an application name: 1-128 characters of A-Z a-z 0-9 . _ -");
        }
        return app;
    }

    public List<AppCredential> credentials() {
        return credentials == null ? List.of() : credentials;
    }

    public List<AclRule> rules() {
        return rules == null ? List.of() : rules;
    }

    public long version() {
        return version;
    }

    public List<AppCredential> credentialsOf(String app) {
        return credentials().stream().filter(c -> c.app().equals(app)).toList();
    }

    /** These credentials with a new token of {@code app} (by its hash), at {@code version}; the same hash again: this. */
    public ClientAcl withToken(String app, String sha256, long version) {
        AppCredential added = new AppCredential(app, sha256, false, version);
        if (credentials().stream().anyMatch(c -> c.sha256().equals(sha256))) {
            return this;
        }
        long active = credentialsOf(app).stream().filter(c -> !c.revoked()).count();
        if (active >= MAX_ACTIVE_PER_APP) {
            throw new AclLimitException("app " + app + " holds " + active + " live tokens, the most an app takes;"
                    + " revoke one first (roster acl token revoke " + app + " ID)");
        }
        if (credentials().size() >= MAX_CREDENTIALS) {
            throw new AclLimitException("the ACL holds " + credentials().size() + " tokens, the most it takes");
        }
        List<AppCredential> next = new ArrayList<>(credentials());
        next.add(added);
        return new ClientAcl(next, rules(), version);
    }

    /**
     * These credentials with {@code app}'s token {@code id} (or, {@code id} empty, all its live tokens) revoked, at
     * {@code version}; only the latest {@link #MAX_REVOKED_PER_APP} revoked ones of the app are kept. Nothing to
     * revoke: this.
     */
    public ClientAcl revoke(String app, String id, long version) {
        boolean all = id == null || id.isEmpty();
        List<AppCredential> next = new ArrayList<>();
        boolean changed = false;
        for (AppCredential c : credentials()) {
            boolean hit = c.app().equals(app) && !c.revoked() && (all || c.named(id));
            next.add(hit ? c.revokedNow() : c);
            changed |= hit;
        }
        if (!changed) {
            return this;
        }
        List<AppCredential> revokedOfApp = next.stream().filter(c -> c.app().equals(app) && c.revoked())
                .sorted(Comparator.comparingLong(AppCredential::createdAt).reversed()).toList();
        next.removeAll(revokedOfApp.subList(Math.min(MAX_REVOKED_PER_APP, revokedOfApp.size()), revokedOfApp.size()));
        return new ClientAcl(next, rules(), version);
    }

    /** Whether {@code app} holds a live token {@code id} (any, when {@code id} is empty). */
    public boolean hasLiveToken(String app, String id) {
        return credentialsOf(app).stream().anyMatch(c -> !c.revoked() && (id == null || id.isEmpty() || c.named(id)));
    }

    /** These rules with {@code rule} added ({@code on}) or removed, at {@code version}; unchanged: this. */
    public ClientAcl withRule(AclRule rule, boolean on, long version) {
        if (rules().contains(rule) == on) {
            return this;
        }
        if (on && rules().size() >= MAX_RULES) {
            throw new AclLimitException("the ACL holds " + rules().size() + " rules, the most it takes");
        }
        List<AclRule> next = new ArrayList<>(rules());
        if (on) {
            next.add(rule);
        } else {
            next.remove(rule);
        }
        return new ClientAcl(credentials(), next, version);
    }

    /**
     * Why a client saying it is {@code app} with a token whose hash is {@code tokenSha256} is not authenticated, or
     * null when it is. The reasons: no token, unknown app, revoked token, wrong token.
     */
    public String authenticationRefusal(String app, String tokenSha256) {
        if (app == null || app.isEmpty() || tokenSha256 == null || tokenSha256.isEmpty()) {
            return "no token: this session requires client credentials (security.client-auth=true); give the SDK"
                    + " credentials(app, token) or ROSTER_APP and ROSTER_APP_TOKEN";
        }
        List<AppCredential> own = credentialsOf(app);
        if (own.isEmpty()) {
            return "unknown app '" + app + "': it holds no token (roster acl token create " + app + ")";
        }
        AppCredential match = null;
        for (AppCredential c : own) {
            if (Tokens.sameHash(c.sha256(), tokenSha256)) {
                match = c;
            }
        }
        if (match == null) {
            return "wrong token for app '" + app + "'";
        }
        return match.revoked() ? "token " + match.id() + " of app '" + app + "' was revoked" : null;
    }

    /** Whether a rule lets {@code app} do {@code action} on the dataId of {@code dataInfoId}. */
    public boolean allows(String app, AclAction action, String dataInfoId) {
        String dataId = IncidentLevers.dataIdOf(dataInfoId);
        for (AclRule r : rules()) {
            if (r.allows(app, action, dataId)) {
                return true;
            }
        }
        return false;
    }

    /** Same tokens and rules (the version is where they were read, not what they are). */
    public boolean sameAs(ClientAcl o) {
        return credentials().equals(o.credentials()) && rules().equals(o.rules());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAcl a && sameAs(a) && version == a.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentials(), rules(), version);
    }

    @Override
    public String toString() {
        return "ClientAcl{v" + version + " tokens=" + credentials() + " rules=" + rules() + "}";
    }

    /** Adding past a cap: a limit, not malformed input (LIMIT_EXCEEDED on the wire, 400 on the admin API). */
    public static final class AclLimitException extends InvalidInputException {
        public AclLimitException(String message) {
            super(message);
        }
    }
}
