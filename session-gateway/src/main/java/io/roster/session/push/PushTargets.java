package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.model.DataInfoId;

/**
 * What a subscriber here is pushed, named as the push plan keys it (a "push target"). Mostly the dataInfoId itself;
 * an interface-level subscriber that asked for {@code interfaceOnly} is kept apart under
 * {@code dataInfoId + " interfaceOnly"} (a dataInfoId holds no white space), so it never gets the converted list
 * (nor its version) that an older subscriber of the same interface gets under the plain dataInfoId.
 */
public final class PushTargets {
    static final String INTERFACE_ONLY_SUFFIX = " interfaceOnly";

    private PushTargets() {
    }

    /** The target of a subscriber of {@code dataInfoId} (canonical). */
    public static String of(String dataInfoId, boolean interfaceOnly) {
        return interfaceOnly && !AppIds.isAppDatum(dataInfoId) && !AppIds.isProvidersDatum(dataInfoId)
                ? dataInfoId + INTERFACE_ONLY_SUFFIX : dataInfoId;
    }

    public static boolean isInterfaceOnly(String target) {
        return target.endsWith(INTERFACE_ONLY_SUFFIX);
    }

    /** The dataInfoId a target pushes (what the client subscribed to). */
    public static String dataInfoIdOf(String target) {
        return isInterfaceOnly(target) ? target.substring(0, target.length() - INTERFACE_ONLY_SUFFIX.length()) : target;
    }

    /** The interface-only target of interface {@code dataInfoId}. */
    static String interfaceOnly(String dataInfoId) {
        return dataInfoId + INTERFACE_ONLY_SUFFIX;
    }

    /** Whether the session computes {@code target} from its catalog: nothing is read from data for it. */
    public static boolean isComputed(String target) {
        return AppIds.isProvidersDatum(target);
    }

    /** The providers datum of interface {@code interfaceId} (canonical), without checks: it is one already. */
    static String providersOf(String interfaceId) {
        int at = interfaceId.lastIndexOf(DataInfoId.SEPARATOR);
        if (at < 0) {
            return null;
        }
        String group = interfaceId.substring(at + DataInfoId.SEPARATOR.length());
        return group.startsWith(AppIds.RESERVED_GROUP_PREFIX) ? null
                : interfaceId.substring(0, at) + DataInfoId.SEPARATOR + AppIds.PROVIDERS_GROUP_PREFIX + group;
    }
}
