package io.roster.common.app;

import io.roster.common.model.InvalidInputException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one application instance publishes, as the one data item of its publisher in the application's datum:
 * the revision it serves, where it is reached, and its own parameters (e.g. a weight or a zone; they override the
 * interface's parameters of the same name when converted). Text form, UTF-8:
 * {@code <revision digest> <address>[ <k=v&k=v>]} with keys sorted and URL-encoded.
 */
public final class AppInstance {
    public static final int MAX_ADDRESS_CHARS = 256;

    private final String revision;
    private final String address;
    private final Map<String, String> params;

    public AppInstance(String revision, String address, Map<String, String> params) {
        this.revision = revision;
        this.address = address;
        this.params = params == null || params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
        check();
    }

    public String revision() {
        return revision;
    }

    public String address() {
        return address;
    }

    public Map<String, String> params() {
        return params;
    }

    public byte[] encode() {
        StringBuilder b = new StringBuilder(revision).append(' ').append(address);
        if (!params.isEmpty()) {
            b.append(' ').append(ConvertedItem.query(params));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a data item; throws {@link InvalidInputException} naming what is wrong. */
    public static AppInstance decode(byte[] item) {
        if (item == null) {
            throw new InvalidInputException("an application instance item is missing");
        }
        String text = new String(item, StandardCharsets.UTF_8);
        String[] parts = text.split(" ", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException("an application instance item must be '<revision> <address>[ <params>]', got "
                    + abbreviate(text));
        }
        return new AppInstance(parts[0], parts[1], parts.length == 3 ? parseQuery(parts[2]) : Map.of());
    }

    private void check() {
        if (!RevisionDigest.isWellFormed(revision)) {
            throw new InvalidInputException("revision " + abbreviate(String.valueOf(revision))
                    + " is not a revision digest (" + RevisionDigest.LENGTH + " lower-case hex characters)");
        }
        if (address == null || address.isEmpty() || address.length() > MAX_ADDRESS_CHARS) {
            throw new InvalidInputException("instance address is empty or over " + MAX_ADDRESS_CHARS + " characters");
        }
        for (int i = 0; i < address.length(); i++) {
            if (Character.isWhitespace(address.charAt(i)) || Character.isISOControl(address.charAt(i))) {
                throw new InvalidInputException("instance address has a white-space or control character at index " + i
                        + ": " + abbreviate(address));
            }
        }
        if (params.size() > InterfaceSpec.MAX_PARAMS) {
            throw new InvalidInputException("instance " + address + " has " + params.size()
                    + " parameters, over the limit of " + InterfaceSpec.MAX_PARAMS);
        }
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new TreeMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("instance parameter '" + abbreviate(pair) + "' is not k=v");
            }
            try {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) { // a bad %-escape: the sender's error, not the server's
                throw new InvalidInputException("instance parameter '" + abbreviate(pair) + "' has a bad escape: "
                        + e.getMessage());
            }
        }
        return out;
    }

    static String encodeComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppInstance a && revision.equals(a.revision) && address.equals(a.address)
                && params.equals(a.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, address, params);
    }

    @Override
    public String toString() {
        return address + "@" + revision + (params.isEmpty() ? "" : params.toString());
    }
}
