package io.roster.tools.server;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.tools.options.TokenFile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the admin port: writes need the admin token, reads need it only when {@code admin.read-token-required}
 * is on. Pure: it decides from the method, the path class and the Authorization header; the HTTP shell answers.
 */
public final class AdminAccess {
    /** Shortest token accepted: a guessable token protects nothing. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final String SCHEME = "Bearer ";

    /** Refusal of a call: the HTTP status and the message the caller reads. */
    public record Refusal(int status, String message) {
    }

    private final byte[] token;
    private final boolean readsNeedToken;

    AdminAccess(String token, boolean readsNeedToken) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.readsNeedToken = readsNeedToken;
    }

    /** The access rules a node's configuration sets; a {@link ConfigException} names a bad token setting. */
    public static AdminAccess from(RosterConfig config) {
        String inline = config.get(ConfigKeys.ADMIN_TOKEN).trim();
        String file = config.get(ConfigKeys.ADMIN_TOKEN_FILE).trim();
        if (!inline.isEmpty() && !file.isEmpty()) {
            throw new ConfigException("set admin.token or admin.token-file, not both");
        }
        String token = inline.isEmpty() && !file.isEmpty() ? TokenFile.read(Path.of(file), "admin.token-file") : inline;
        if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException("the admin token (" + (inline.isEmpty() ? "admin.token-file " + file : "admin.token")
                    + ") has " + token.length() + " characters; use at least " + MIN_TOKEN_LENGTH
                    + " (e.g. openssl rand -hex 24)");
        }
        boolean reads = config.get(ConfigKeys.ADMIN_READ_TOKEN_REQUIRED);
        if (reads && token.isEmpty()) {
            throw new ConfigException("admin.read-token-required is true but no admin token is set (admin.token or admin.token-file)");
        }
        return new AdminAccess(token, reads);
    }

    /**
     * The address the admin port binds: {@code admin.bind}, else {@code roster.host} when that is a loopback address
     * (so several nodes on 127.0.0.x each keep their own), else 127.0.0.1.
     */
    public static String bindAddress(RosterConfig config) {
        String bind = config.get(ConfigKeys.ADMIN_BIND).trim();
        if (!bind.isEmpty()) {
            return bind;
        }
        String host = config.get(ConfigKeys.HOST);
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) {
                return host;
            }
        } catch (UnknownHostException e) {
            // not resolvable here: fall back to loopback, the safe default
        }
        return "127.0.0.1";
    }

    public boolean writesEnabled() {
        return token != null;
    }

    public boolean readsNeedToken() {
        return readsNeedToken;
    }

    /** Empty when a write call carrying this Authorization header may proceed. */
    public Optional<Refusal> checkWrite(String authorization) {
        if (token == null) {
            return Optional.of(new Refusal(403, "admin writes are disabled on this node: no admin token is configured "
                    + "(set admin.token or admin.token-file and restart it)"));
        }
        return checkToken(authorization);
    }

    /** Empty when a read call carrying this Authorization header may proceed. */
    public Optional<Refusal> checkRead(String authorization) {
        return readsNeedToken ? checkToken(authorization) : Optional.empty();
    }

    private Optional<Refusal> checkToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new Refusal(401, "missing admin token: send the header 'Authorization: Bearer TOKEN' "
                    + "(the roster CLI reads ROSTER_ADMIN_TOKEN or --token-file)"));
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of(new Refusal(401, "the Authorization header must be 'Bearer TOKEN'"));
        }
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        // constant time: a wrong token's answer must not tell how much of it was right
        if (!MessageDigest.isEqual(given, token)) {
            return Optional.of(new Refusal(401, "wrong admin token"));
        }
        return Optional.empty();
    }
}
