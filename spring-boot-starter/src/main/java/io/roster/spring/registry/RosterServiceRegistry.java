package io.roster.spring.registry;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.spring.instance.InstanceJson;
import io.roster.spring.instance.RosterInstance;
import io.roster.spring.instance.ServiceDataIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers instances in Roster: each as two publications of the client, its {@link InstanceJson} item under
 * {@code spring:<serviceId>} and its service id under the directory. The client keeps them across session failures;
 * {@link #deregister} removes them, and so does the session when the client closes or its process dies.
 *
 * <p>Status: {@code UP} (the status after {@link #register}) publishes the instance, any other status
 * ({@code DOWN}, {@code OUT_OF_SERVICE}) unpublishes it while keeping it known here, so consumers stop calling it
 * until it is set {@code UP} again.
 */
public class RosterServiceRegistry implements ServiceRegistry<RosterRegistration> {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    private static final Logger log = LoggerFactory.getLogger(RosterServiceRegistry.class);

    private final RosterClient client;
    /** By service id and instance id: the publications of each registered instance (empty while not UP). */
    private final Map<String, List<Publication>> published = new ConcurrentHashMap<>();

    public RosterServiceRegistry(RosterClient client) {
        this.client = client;
    }

    @Override
    public synchronized void register(RosterRegistration registration) {
        RosterInstance instance = registration.toInstance();
        unpublish(published.remove(key(registration)));
        Publication item = client.publish(ServiceDataIds.instances(instance.serviceId()), InstanceJson.encode(instance));
        Publication name;
        try {
            name = client.publish(ServiceDataIds.DIRECTORY, instance.serviceId());
        } catch (RuntimeException e) {
            // Not half-registered: an instance callers reach but no directory lists (or the reverse after a retry).
            try {
                item.unpublish();
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        published.put(key(registration), List.of(item, name));
        log.info("registered {} in Roster", registration);
    }

    @Override
    public synchronized void deregister(RosterRegistration registration) {
        List<Publication> publications = published.remove(key(registration));
        if (publications != null) {
            List<Publication> left = unpublish(publications);
            if (left.isEmpty()) {
                log.info("deregistered {} from Roster", registration);
            } else {
                // kept, so close() tries again; closing the client removes them at the session in any case
                published.put(key(registration), left);
                log.warn("deregistering {} from Roster left {} of its publications in place; they go when the client closes",
                        registration, left.size());
            }
        }
    }

    @Override
    public synchronized void close() {
        published.values().forEach(RosterServiceRegistry::unpublish); // failures logged; the client's close removes them
        published.clear();
    }

    @Override
    public synchronized void setStatus(RosterRegistration registration, String status) {
        if (UP.equalsIgnoreCase(status)) {
            register(registration);
        } else {
            unpublish(published.replace(key(registration), List.of()));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T getStatus(RosterRegistration registration) {
        List<Publication> publications = published.get(key(registration));
        return (T) (publications != null && !publications.isEmpty() ? UP : DOWN);
    }

    private static String key(RosterRegistration registration) {
        return registration.getServiceId() + " " + registration.getInstanceId();
    }

    /**
     * Unpublishes each of {@code publications}, every one tried even when another fails (a failed instance item must
     * not leave its directory entry behind); returns those that failed.
     */
    static List<Publication> unpublish(List<Publication> publications) {
        List<Publication> failed = new java.util.ArrayList<>();
        if (publications != null) {
            for (Publication p : publications) {
                try {
                    p.unpublish();
                } catch (RuntimeException e) {
                    log.warn("unpublishing {} failed: {}", p.dataInfoId(), e.toString());
                    failed.add(p);
                }
            }
        }
        return failed;
    }
}
