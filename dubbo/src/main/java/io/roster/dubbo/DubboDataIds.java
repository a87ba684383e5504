package io.roster.dubbo;

import io.roster.common.model.DataInfoId;
import org.apache.dubbo.common.URL;

import java.util.Locale;

import static org.apache.dubbo.common.constants.RegistryConstants.DEFAULT_CATEGORY;
import static org.apache.dubbo.common.constants.RegistryConstants.PROVIDERS_CATEGORY;

/**
 * Where a Dubbo URL lives in Roster. A provider is one publisher of the dataInfoId
 * {@code <service key>#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP}, the service key being Dubbo's own
 * ({@code [group/]interface[:version]}), so group and version are separate datums; its one data item is the full
 * provider URL. The application-level instances publish that same dataId as their interfaces, so a Roster
 * interface-level subscriber of it sees both. URLs of other categories (consumers, configurators, routers) are
 * filed under the group {@code DUBBO_<CATEGORY>}: visible, never mixed with the providers.
 */
final class DubboDataIds {
    static final String CATEGORY_GROUP_PREFIX = "DUBBO_";

    private DubboDataIds() {
    }

    /** The dataInfoId of the providers of {@code url}'s service. */
    static String providers(URL url) {
        return providers(url.getServiceKey());
    }

    /** The dataInfoId of the providers of Dubbo service key {@code [group/]interface[:version]}. */
    static String providers(String serviceKey) {
        return serviceKey + DataInfoId.SEPARATOR + DataInfoId.DEFAULT_INSTANCE_ID + DataInfoId.SEPARATOR
                + DataInfoId.DEFAULT_GROUP;
    }

    /** The dataInfoId {@code url} is registered under, by its category. */
    static String of(URL url) {
        String category = url.getCategory(DEFAULT_CATEGORY);
        if (PROVIDERS_CATEGORY.equals(category)) {
            return providers(url);
        }
        return url.getServiceKey() + DataInfoId.SEPARATOR + DataInfoId.DEFAULT_INSTANCE_ID + DataInfoId.SEPARATOR
                + CATEGORY_GROUP_PREFIX + category.toUpperCase(Locale.ROOT);
    }
}
