package io.roster.common.model;


/**
 * The key every registration is filed under: {@code dataId#@#instanceId#@#group}. dataId is the service
 * (an interface or an app name). Parsing validates; an instance is always well formed.
 */
public final class DataInfoId {
    public static final String SEPARATOR = "#@#";
    public static final String DEFAULT_INSTANCE_ID = "DEFAULT_INSTANCE_ID";
    public static final String DEFAULT_GROUP = "DEFAULT_GROUP";

    private final String dataId;
    private final String instanceId;
    private final String group;
    private final String canonical;

    private DataInfoId(String dataId, String instanceId, String group) {
        this.dataId = dataId;
        this.instanceId = instanceId;
        this.group = group;
        this.canonical = dataId + SEPARATOR + instanceId + SEPARATOR + group;
    }

    /** A dataId in the default instance and group. */
    public static DataInfoId of(String dataId, RegistryLimits limits) {
        return of(dataId, DEFAULT_INSTANCE_ID, DEFAULT_GROUP, limits);
    }

    public static DataInfoId of(String dataId, String instanceId, String group, RegistryLimits limits) {
        checkPart("dataId", dataId);
        checkPart("instanceId", instanceId);
        checkPart("group", group);
        DataInfoId id = new DataInfoId(dataId, instanceId, group);
        if (id.canonical.length() > limits.maxDataInfoIdLength()) {
            throw new InvalidInputException("dataInfoId is " + id.canonical.length() + " characters long, over the limit of "
                    + limits.maxDataInfoIdLength() + ": " + abbreviate(id.canonical));
        }
        return id;
    }

    /** Parses the canonical form; a bare dataId gets the default instance and group. */
    public static DataInfoId parse(String text, RegistryLimits limits) {
        if (text == null) {
            throw new InvalidInputException("dataInfoId is missing");
        }
        if (text.length() > limits.maxDataInfoIdLength()) {
            throw new InvalidInputException("dataInfoId is " + text.length() + " characters long, over the limit of "
                    + limits.maxDataInfoIdLength() + ": " + abbreviate(text));
        }
        String[] parts = split(text);
        if (parts.length == 1) {
            return of(parts[0], limits);
        }
        if (parts.length != 3) {
            throw new InvalidInputException("dataInfoId must be dataId" + SEPARATOR + "instanceId" + SEPARATOR
                    + "group, got " + parts.length + " parts: " + abbreviate(text));
        }
        return of(parts[0], parts[1], parts[2], limits);
    }

    /**
     * {@code text.split(SEPARATOR, -1)} without compiling a regex on every call: every registration is parsed on its
     * way through session and data, and the pattern was most of what a data node spent checking a publish.
     */
    private static String[] split(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>(3);
        int from = 0;
        for (int at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, from)) {
            parts.add(text.substring(from, at));
            from = at + SEPARATOR.length();
        }
        parts.add(text.substring(from));
        return parts.toArray(String[]::new);
    }

    private static void checkPart(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name + " is empty");
        }
        if (value.contains(SEPARATOR)) {
            throw new InvalidInputException(name + " contains the separator " + SEPARATOR + ": " + abbreviate(value));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new InvalidInputException(name + " contains a control or white-space character at index " + i
                        + ": " + abbreviate(value));
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    public String dataId() {
        return dataId;
    }

    public String instanceId() {
        return instanceId;
    }

    public String group() {
        return group;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataInfoId other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** The canonical form, which is also the wire form. */
    @Override
    public String toString() {
        return canonical;
    }
}
