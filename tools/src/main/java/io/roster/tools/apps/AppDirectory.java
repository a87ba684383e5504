package io.roster.tools.apps;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.ConvertedItem;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.Datum;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What `roster apps|app|interface` and the admin API show: meta's revision catalog joined with the application
 * datums (their instances) and an interface's own datum (its interface-level publishers), as the data nodes hold them.
 * Pure: the catalog and a datum reader are given, so the views are computed the same from a live cluster or a test.
 * An application datum is read raw (never converted), so what is shown is what was published.
 */
public final class AppDirectory {
    private final RevisionCatalog catalog;
    private final Function<String, Datum> datums;
    private final RegistryLimits limits;

    /** @param datums reads a datum by canonical dataInfoId (an absent one: no publishers) */
    public AppDirectory(RevisionCatalog catalog, Function<String, Datum> datums, RegistryLimits limits) {
        this.catalog = catalog;
        this.datums = datums;
        this.limits = limits;
    }

    public RevisionCatalog catalog() {
        return catalog;
    }

    /** One application with a live revision: its live revisions, the interfaces they serve, its instances. */
    public record AppSummary(String app, int revisions, int interfaces, int instances) {
    }

    /**
     * One publisher of an application datum. {@code problem} is null for a valid instance item; otherwise the item
     * did not decode (address, revision and params are then null/empty). {@code revisionKnown}: the catalog has it.
     */
    public record InstanceRow(String registerId, String clientApp, String address, String revision,
                              Map<String, String> params, boolean revisionKnown, String problem) {
        public InstanceRow {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** An application: its live revisions (with their instance counts) and its instances. */
    public record AppDetail(String app, long catalogVersion, List<Revision> revisions, Map<String, Integer> instancesPerRevision,
                            List<InstanceRow> instances) {
        public AppDetail {
            revisions = List.copyOf(revisions);
            instancesPerRevision = Map.copyOf(instancesPerRevision);
            instances = List.copyOf(instances);
        }

        public boolean exists() {
            return !revisions.isEmpty() || !instances.isEmpty();
        }
    }

    /**
     * An instance of an application serving an interface, with the item an interface-level subscriber would get
     * for it (listed even when a subscriber gets it only as an interface-level publisher at the same address).
     */
    public record ServingInstance(String address, String revision, String item) {
    }

    /** An application providing an interface: the specs of its live revisions serving it, and its instances. */
    public record ProviderApp(String app, Map<String, Map<String, String>> paramsByRevision, List<ServingInstance> instances) {
        public ProviderApp {
            paramsByRevision = Map.copyOf(paramsByRevision);
            instances = List.copyOf(instances);
        }
    }

    /** An interface-level publisher of an interface: its registerId, the publishing client's app and items. */
    public record InterfacePublisher(String registerId, String clientApp, List<String> items) {
        public InterfacePublisher {
            items = List.copyOf(items);
        }
    }

    /**
     * An interface: the applications with a live revision serving it, those that served it once (remembered pairs,
     * no live revision serving it now), and its interface-level publishers.
     */
    public record InterfaceDetail(String interfaceId, long catalogVersion, long datumVersion, List<ProviderApp> apps,
                                  List<String> formerApps, List<InterfacePublisher> publishers) {
        public InterfaceDetail {
            apps = List.copyOf(apps);
            formerApps = List.copyOf(formerApps);
            publishers = List.copyOf(publishers);
        }
    }

    /** Every application with a live revision, by name. */
    public List<AppSummary> apps() {
        List<AppSummary> out = new ArrayList<>();
        for (String app : catalog.apps()) {
            List<Revision> revisions = catalog.revisionsOf(app);
            SortedSet<String> interfaces = new TreeSet<>();
            revisions.forEach(r -> r.interfaces().forEach(s -> interfaces.add(s.dataInfoId())));
            long instances = instances(app).stream().filter(i -> i.problem() == null).count();
            out.add(new AppSummary(app, revisions.size(), interfaces.size(), (int) instances));
        }
        return out;
    }

    /** One application; throws {@link InvalidInputException} for a bad name. */
    public AppDetail app(String app) {
        AppIds.checkAppName(app, limits);
        List<InstanceRow> instances = instances(app);
        Map<String, Integer> perRevision = new TreeMap<>();
        for (InstanceRow i : instances) {
            if (i.problem() == null) {
                perRevision.merge(i.revision(), 1, Integer::sum);
            }
        }
        return new AppDetail(app, catalog.version(), catalog.revisionsOf(app), perRevision, instances);
    }

    /** One interface (bare or canonical id); throws {@link InvalidInputException} for a bad or reserved id. */
    public InterfaceDetail iface(String interfaceId) {
        String id = checkedInterface(interfaceId, limits);
        List<ProviderApp> apps = new ArrayList<>();
        for (String app : catalog.providers(id)) {
            Map<String, Map<String, String>> specs = new LinkedHashMap<>();
            for (Revision r : catalog.revisionsOf(app)) {
                InterfaceSpec s = r.spec(id);
                if (s != null) {
                    specs.put(r.digest(), s.params());
                }
            }
            List<ServingInstance> serving = new ArrayList<>();
            for (InstanceRow i : instances(app)) {
                Revision r = i.problem() == null ? catalog.revision(i.revision()) : null;
                InterfaceSpec s = r == null ? null : r.spec(id);
                if (s != null) {
                    AppInstance instance = new AppInstance(i.revision(), i.address(), i.params());
                    serving.add(new ServingInstance(i.address(), i.revision(), ConvertedItem.of(instance, s)));
                }
            }
            apps.add(new ProviderApp(app, specs, serving));
        }
        List<String> former = catalog.everProviders(id).stream().filter(a -> !catalog.providers(id).contains(a)).toList();
        Datum datum = datums.apply(id);
        List<InterfacePublisher> publishers = datum.publishers().stream()
                .map(p -> new InterfacePublisher(p.registerId(), p.appName(), io.roster.tools.output.ModelJson.strings(p.data())))
                .toList();
        return new InterfaceDetail(id, catalog.version(), datum.version(), apps, former, publishers);
    }

    /** The canonical id of interface {@code interfaceId}; throws {@link InvalidInputException} for a bad or reserved one. */
    public static String checkedInterface(String interfaceId, RegistryLimits limits) {
        DataInfoId parsed = DataInfoId.parse(interfaceId, limits);
        if (AppIds.isReserved(parsed)) {
            throw new InvalidInputException("interface " + parsed + " is in the reserved group " + parsed.group());
        }
        return parsed.toString();
    }

    /** The publishers of {@code app}'s datum as instances, each item decoded (one item per publisher by contract). */
    List<InstanceRow> instances(String app) {
        Datum datum = datums.apply(AppIds.appDataInfoId(app, limits));
        List<InstanceRow> out = new ArrayList<>();
        for (Publisher p : datum.publishers()) {
            if (p.data().size() != 1) {
                out.add(new InstanceRow(p.registerId(), p.appName(), null, null, Map.of(), false,
                        p.data().size() + " items where an application instance has exactly one"));
                continue;
            }
            try {
                AppInstance i = AppInstance.decode(p.data().get(0));
                out.add(new InstanceRow(p.registerId(), p.appName(), i.address(), i.revision(), i.params(),
                        catalog.revision(i.revision()) != null, null));
            } catch (InvalidInputException e) {
                out.add(new InstanceRow(p.registerId(), p.appName(), null, null, Map.of(), false, e.getMessage()));
            }
        }
        return out;
    }
}
