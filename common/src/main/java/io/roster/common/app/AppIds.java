package io.roster.common.app;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;

/**
 * The reserved dataInfoIds of application-level discovery. Groups starting with {@code ROSTER_} are Roster's own:
 * <ul>
 *   <li>{@code app#@#DEFAULT_INSTANCE_ID#@#ROSTER_APP}: the datum of application {@code app}, one publisher per
 *       instance, whose one data item is an {@link AppInstance};</li>
 *   <li>{@code dataId#@#instanceId#@#ROSTER_PROVIDERS.group}: computed by a session from its revision catalog, never
 *       published: one entry per application providing interface {@code dataId#@#instanceId#@#group} (the
 *       interface-to-applications index an application-level consumer resolves through).</li>
 * </ul>
 */
public final class AppIds {
    public static final String RESERVED_GROUP_PREFIX = "ROSTER_";
    public static final String APP_GROUP = "ROSTER_APP";
    public static final String PROVIDERS_GROUP_PREFIX = "ROSTER_PROVIDERS.";
    private static final String APP_SUFFIX = DataInfoId.SEPARATOR + DataInfoId.DEFAULT_INSTANCE_ID + DataInfoId.SEPARATOR
            + APP_GROUP;

    private AppIds() {
    }

    /** The datum an instance of {@code app} publishes to. */
    public static String appDataInfoId(String app, RegistryLimits limits) {
        checkAppName(app, limits);
        return DataInfoId.of(app, DataInfoId.DEFAULT_INSTANCE_ID, APP_GROUP, limits).toString();
    }

    /** The application whose datum {@code dataInfoId} (canonical) is, or null when it is not an application datum. */
    public static String appOf(String dataInfoId) {
        if (dataInfoId == null || !dataInfoId.endsWith(APP_SUFFIX)) {
            return null;
        }
        String app = dataInfoId.substring(0, dataInfoId.length() - APP_SUFFIX.length());
        return app.isEmpty() || app.contains(DataInfoId.SEPARATOR) ? null : app;
    }

    public static boolean isAppDatum(String dataInfoId) {
        return appOf(dataInfoId) != null;
    }

    /** The computed datum listing the applications that provide interface {@code interfaceDataInfoId}. */
    public static String providersDataInfoId(String interfaceDataInfoId, RegistryLimits limits) {
        DataInfoId iface = DataInfoId.parse(interfaceDataInfoId, limits);
        if (isReserved(iface)) {
            throw new InvalidInputException("interface " + iface.toString() + " is in the reserved group " + iface.group());
        }
        return DataInfoId.of(iface.dataId(), iface.instanceId(), PROVIDERS_GROUP_PREFIX + iface.group(), limits).toString();
    }

    /** The interface whose providers datum {@code dataInfoId} (canonical) is, or null when it is not one. */
    public static String interfaceOfProviders(String dataInfoId) {
        if (dataInfoId == null) {
            return null;
        }
        int at = dataInfoId.lastIndexOf(DataInfoId.SEPARATOR);
        if (at < 0 || !dataInfoId.startsWith(PROVIDERS_GROUP_PREFIX, at + DataInfoId.SEPARATOR.length())) {
            return null;
        }
        String group = dataInfoId.substring(at + DataInfoId.SEPARATOR.length() + PROVIDERS_GROUP_PREFIX.length());
        return group.isEmpty() ? null : dataInfoId.substring(0, at) + DataInfoId.SEPARATOR + group;
    }

    public static boolean isProvidersDatum(String dataInfoId) {
        return interfaceOfProviders(dataInfoId) != null;
    }

    /** Whether {@code id} is in a group only Roster itself may define. */
    public static boolean isReserved(DataInfoId id) {
        return id.group().startsWith(RESERVED_GROUP_PREFIX);
    }

    /** An application name: a valid dataId (no separator, no white space) within the app-name limit. */
    public static void checkAppName(String app, RegistryLimits limits) {
        limits.checkAppName(app);
        DataInfoId.of(app, DataInfoId.DEFAULT_INSTANCE_ID, APP_GROUP, limits);
    }
}
