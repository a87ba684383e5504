package io.roster.spring.discovery;

import io.roster.client.RosterClient;
import io.roster.client.RosterException;
import io.roster.client.SubscriptionListener;
import io.roster.spring.instance.InstanceJson;
import io.roster.spring.instance.RosterInstance;
import io.roster.spring.instance.ServiceDataIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The services and instances this application has looked up, kept current by Roster's pushes: the first lookup of a
 * service id subscribes to {@code spring:<serviceId>} (once, for the life of the client) and every later lookup reads
 * the last pushed list. The service ids come the same way from the directory datum. Nothing polls.
 */
public final class RosterServiceCatalog {
    private static final Logger log = LoggerFactory.getLogger(RosterServiceCatalog.class);

    private final RosterClient client;
    private final Duration firstListTimeout;
    private final LongConsumer onChange;
    private final AtomicLong changes = new AtomicLong();
    private final ConcurrentMap<String, PushedList<ServiceInstance>> instances = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PushedList<String>> directory = new ConcurrentHashMap<>();

    public RosterServiceCatalog(RosterClient client, Duration firstListTimeout) {
        this(client, firstListTimeout, change -> { });
    }

    /**
     * @param onChange called after each push changed a list this catalog holds, with a count that grows by one per
     *                 push, on the client's dispatcher thread (so it must not block)
     */
    public RosterServiceCatalog(RosterClient client, Duration firstListTimeout, LongConsumer onChange) {
        this.client = client;
        this.firstListTimeout = firstListTimeout;
        this.onChange = onChange;
    }

    /** The instances of {@code serviceId} as last pushed; empty when it has none or Roster cannot be reached. */
    public List<ServiceInstance> instances(String serviceId) {
        String id = ServiceDataIds.normalize(serviceId);
        return watch(instances, ServiceDataIds.instances(id), id, RosterServiceCatalog::toServiceInstances);
    }

    /** The ids of every service with at least one registered instance, sorted. */
    public List<String> services() {
        return watch(directory, ServiceDataIds.DIRECTORY, ServiceDataIds.DIRECTORY,
                items -> List.copyOf(new TreeSet<>(items)));
    }

    private <T> List<T> watch(ConcurrentMap<String, PushedList<T>> lists, String dataId, String key,
                              Function<List<String>, List<T>> decode) {
        PushedList<T> list = lists.get(key);
        if (list == null) {
            PushedList<T> fresh = new PushedList<>();
            list = lists.putIfAbsent(key, fresh);
            if (list == null) {
                list = fresh;
                if (!subscribe(dataId, fresh, decode)) {
                    lists.remove(key, fresh);
                    return List.of();
                }
            }
        }
        return list.get(firstListTimeout);
    }

    private <T> boolean subscribe(String dataId, PushedList<T> list, Function<List<String>, List<T>> decode) {
        try {
            client.subscribe(dataId, SubscriptionListener.strings((id, items, version) -> {
                list.update(decode.apply(items));
                onChange.accept(changes.incrementAndGet());
            }));
            return true;
        } catch (RosterException | IllegalStateException e) {
            // The next lookup subscribes again; until then the caller sees no instance rather than an exception.
            log.warn("cannot subscribe to {} in Roster: {}", dataId, e.toString());
            return false;
        }
    }

    private static List<ServiceInstance> toServiceInstances(List<String> items) {
        List<ServiceInstance> out = new ArrayList<>(items.size());
        for (String item : items) {
            try {
                RosterInstance instance = InstanceJson.decode(item);
                out.add(new DefaultServiceInstance(instance.instanceId(), instance.serviceId(), instance.host(),
                        instance.port(), instance.secure(), instance.metadata()));
            } catch (IllegalArgumentException e) {
                log.warn("skipping an instance item that is not the Roster instance JSON form ({}): {}", e.getMessage(),
                        abbreviate(item));
            }
        }
        return out;
    }

    private static String abbreviate(String item) {
        return item.length() <= 200 ? item : item.substring(0, 200) + "...";
    }
}
