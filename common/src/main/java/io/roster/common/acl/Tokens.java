package io.roster.common.acl;

import io.roster.common.model.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Application tokens: 32 random bytes from a {@link SecureRandom}, base64url without padding (43 characters). Only
 * their SHA-256 (lower-case hex) is ever stored or sent between nodes; a token is compared by its hash with a
 * constant-time comparison. A plain hash suffices (no salt, no slow KDF): the tokens are random 256-bit values, not
 * passwords, so a table of guesses is useless.
 */
public final class Tokens {
    public static final int TOKEN_BYTES = 32;
    /** Longest token a hello may carry; longer is refused unread (what we make is 43). */
    public static final int MAX_TOKEN_LENGTH = 256;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Tokens() {
    }

    /** A new random token. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of {@code token} (its UTF-8 bytes) in lower-case hex. */
    public static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether two hex hashes are equal, in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The short id of the token whose hash is {@code sha256}: its first 12 hex digits (not enough to find the token). */
    public static String idOf(String sha256) {
        return sha256.length() < 12 ? sha256 : sha256.substring(0, 12);
    }

    static String checkHash(String sha256) {
        if (sha256 == null || !HASH.matcher(sha256).matches()) {
            throw new InvalidInputException("a token hash is 64 lower-case hex digits (SHA-256)");
        }
        return sha256;
    }
}
