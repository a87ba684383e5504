package io.roster.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.URLBuilder;
import org.apache.dubbo.common.utils.UrlUtils;

import java.util.ArrayList;
import java.util.List;

import static org.apache.dubbo.common.constants.CommonConstants.PATH_KEY;
import static org.apache.dubbo.common.constants.CommonConstants.PROTOCOL_KEY;
import static org.apache.dubbo.common.constants.RegistryConstants.CATEGORY_KEY;
import static org.apache.dubbo.common.constants.RegistryConstants.EMPTY_PROTOCOL;

/**
 * The provider URLs a consumer is notified of, from the items of a providers datum. An item is a full provider URL
 * (published by {@link RosterRegistry}) or, for an instance published application-level (by
 * {@link RosterServiceDiscovery} or another Roster SDK), Roster's converted form {@code host:port?k=v&...}, whose
 * {@code protocol} and {@code path} parameters rebuild the URL. Dubbo's rule holds: no match means one
 * {@code empty://} URL of the category, which clears the consumer's providers.
 */
final class ProviderUrls {
    private ProviderUrls() {
    }

    static List<URL> of(URL consumer, List<String> items, String category) {
        List<URL> urls = new ArrayList<>(items.size());
        for (String item : items) {
            URL provider = parse(item, consumer);
            if (provider != null && UrlUtils.isMatch(consumer, provider)) {
                urls.add(provider);
            }
        }
        if (urls.isEmpty()) {
            urls.add(empty(consumer, category));
        }
        return urls;
    }

    static URL empty(URL consumer, String category) {
        return URLBuilder.from(consumer).setProtocol(EMPTY_PROTOCOL).addParameter(CATEGORY_KEY, category).build();
    }

    /** The provider URL of one item; null (the item is skipped) for one that does not parse as a URL. */
    static URL parse(String item, URL consumer) {
        try {
            if (item.contains("://")) {
                return URL.valueOf(item);
            }
            URL converted = URL.valueOf("dubbo://" + item);
            return URLBuilder.from(converted)
                    .setProtocol(converted.getParameter(PROTOCOL_KEY, "dubbo"))
                    .setPath(converted.getParameter(PATH_KEY, consumer.getServiceInterface()))
                    .removeParameters(PROTOCOL_KEY, PATH_KEY)
                    .build();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
