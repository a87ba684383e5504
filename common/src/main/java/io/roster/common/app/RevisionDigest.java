package io.roster.common.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The name of a revision: SHA-256 over an unambiguous encoding of the app name and its sorted interfaces with their
 * sorted parameters (every string length-prefixed), the first 128 bits in hex (32 characters). Any SDK computing it
 * from the same content gets the same digest, so registering a revision is idempotent.
 */
public final class RevisionDigest {
    public static final int LENGTH = 32;

    private RevisionDigest() {
    }

    /** The digest of {@code app} serving {@code interfaces}, which must be sorted by dataInfoId. */
    public static String of(String app, List<InterfaceSpec> interfaces) {
        MessageDigest sha = sha256();
        put(sha, app == null ? "" : app);
        putInt(sha, interfaces.size());
        for (InterfaceSpec s : interfaces) {
            put(sha, s.dataInfoId());
            Map<String, String> params = s.params();
            putInt(sha, params.size());
            params.forEach((k, v) -> {
                put(sha, k);
                put(sha, v);
            });
        }
        return HexFormat.of().formatHex(sha.digest(), 0, LENGTH / 2);
    }

    /** Whether {@code text} has the shape of a digest: 32 lower-case hex characters. */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void put(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(sha, bytes.length);
        sha.update(bytes);
    }

    private static void putInt(MessageDigest sha, int n) {
        sha.update(new byte[]{(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
