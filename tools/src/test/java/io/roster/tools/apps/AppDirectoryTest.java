package io.roster.tools.apps;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application views computed from a fixed catalog and fixed datums: what apps, app and interface show. */
class AppDirectoryTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String PING = "com.example.Ping#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OLD = "com.example.Old#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);

    private final Revision ordersV1 = Revision.of("orders", List.of(
            InterfaceSpec.of("com.example.Echo", Map.of("timeout", "3000"), LIMITS),
            InterfaceSpec.of("com.example.Ping", Map.of(), LIMITS)), LIMITS);
    private final Revision ordersV2 = Revision.of("orders", List.of(
            InterfaceSpec.of("com.example.Echo", Map.of("timeout", "1000"), LIMITS)), LIMITS);
    private final Revision billing = Revision.of("billing", List.of(
            InterfaceSpec.of("com.example.Ping", Map.of("v", "2"), LIMITS)), LIMITS);
    private final RevisionCatalog catalog = RevisionCatalog.of(42, List.of(ordersV1, ordersV2, billing),
            List.of(new InterfaceProviders(ECHO, List.of("legacy"))));
    private final Map<String, Datum> datums = new HashMap<>();

    private static Publisher publisher(String registerId, String dataInfoId, String clientApp, byte[]... items) {
        return new Publisher(registerId, dataInfoId, "client-" + registerId, clientApp, "", List.of(items), 1, 1, SESSION);
    }

    private void appDatum(String app, Publisher... publishers) {
        String id = AppIds.appDataInfoId(app, LIMITS);
        datums.put(id, new Datum(id, 7, List.of(publishers)));
    }

    private AppDirectory directory() {
        return new AppDirectory(catalog, id -> datums.getOrDefault(id, Datum.absent(id)), LIMITS);
    }

    private String orders() {
        return AppIds.appDataInfoId("orders", LIMITS);
    }

    @Test
    void appsCountsLiveRevisionsTheirInterfacesAndValidInstances() {
        appDatum("orders",
                publisher("r1", orders(), "orders", new AppInstance(ordersV1.digest(), "10.0.0.1:12200", Map.of()).encode()),
                publisher("r2", orders(), "orders", new AppInstance(ordersV2.digest(), "10.0.0.2:12200", Map.of("weight", "5")).encode()),
                publisher("r3", orders(), "orders", "not an instance".getBytes(StandardCharsets.UTF_8)));

        List<AppDirectory.AppSummary> apps = directory().apps();

        assertThat(apps).containsExactly(new AppDirectory.AppSummary("billing", 1, 1, 0),
                new AppDirectory.AppSummary("orders", 2, 2, 2));
    }

    @Test
    void appShowsInstancesWithTheirParamsAndEachRevisionsInterfaces() {
        String unknown = "0123456789abcdef0123456789abcdef";
        appDatum("orders",
                publisher("r1", orders(), "orders", new AppInstance(ordersV1.digest(), "10.0.0.1:12200", Map.of()).encode()),
                publisher("r2", orders(), "orders", new AppInstance(ordersV1.digest(), "10.0.0.2:12200", Map.of("weight", "5")).encode()),
                publisher("r3", orders(), "orders", new AppInstance(unknown, "10.0.0.3:12200", Map.of()).encode()),
                publisher("r4", orders(), "orders", "a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)));

        AppDirectory.AppDetail d = directory().app("orders");

        assertThat(d.catalogVersion()).isEqualTo(42);
        assertThat(d.revisions()).containsExactlyInAnyOrder(ordersV1, ordersV2);
        assertThat(d.instancesPerRevision()).isEqualTo(Map.of(ordersV1.digest(), 2, unknown, 1));
        assertThat(d.instances()).extracting(AppDirectory.InstanceRow::address)
                .containsExactly("10.0.0.1:12200", "10.0.0.2:12200", "10.0.0.3:12200", null);
        assertThat(d.instances().get(1).params()).isEqualTo(Map.of("weight", "5"));
        assertThat(d.instances().get(2).revisionKnown()).isFalse();
        assertThat(d.instances().get(3).problem()).contains("2 items");

        StringWriter text = new StringWriter();
        AppsOutput.printApp(new PrintWriter(text), d);
        assertThat(text.toString()).contains("app orders: 4 instance(s), 2 live revision(s) (catalog version 42)")
                .containsPattern("10\\.0\\.0\\.2:12200\\s+" + ordersV1.digest() + "\\s+weight=5")
                .contains(unknown + " (unknown)")
                .contains("revision " + ordersV1.digest() + ": 2 instance(s), 2 interface(s)")
                .contains("  " + ECHO + " timeout=3000");
        Map<String, Object> json = AppsOutput.appJson(d);
        assertThat(json.get("instances").toString()).contains("revisionKnown=false", "problem=");
        assertThat(directory().app("nobody").exists()).isFalse();
    }

    @Test
    void interfaceListsProvidingAppsConvertedInstancesFormerAppsAndItsOwnPublishers() {
        appDatum("orders",
                publisher("r1", orders(), "orders", new AppInstance(ordersV1.digest(), "10.0.0.1:12200", Map.of("weight", "5")).encode()),
                publisher("r2", orders(), "orders", new AppInstance(ordersV2.digest(), "10.0.0.2:12200", Map.of()).encode()));
        datums.put(ECHO, new Datum(ECHO, 9, List.of(publisher("p1", ECHO, "legacy", "10.0.0.9:80?x=1".getBytes(StandardCharsets.UTF_8)))));

        AppDirectory.InterfaceDetail echo = directory().iface("com.example.Echo");

        assertThat(echo.interfaceId()).isEqualTo(ECHO);
        assertThat(echo.apps()).extracting(AppDirectory.ProviderApp::app).containsExactly("orders");
        AppDirectory.ProviderApp orders = echo.apps().get(0);
        assertThat(orders.paramsByRevision()).isEqualTo(Map.of(ordersV1.digest(), Map.of("timeout", "3000"),
                ordersV2.digest(), Map.of("timeout", "1000")));
        assertThat(orders.instances()).extracting(AppDirectory.ServingInstance::item)
                .containsExactly("10.0.0.1:12200?timeout=3000&weight=5", "10.0.0.2:12200?timeout=1000");
        assertThat(echo.formerApps()).containsExactly("legacy");
        assertThat(echo.datumVersion()).isEqualTo(9);
        assertThat(echo.publishers()).containsExactly(new AppDirectory.InterfacePublisher("p1", "legacy", List.of("10.0.0.9:80?x=1")));

        AppDirectory.InterfaceDetail ping = directory().iface(PING);
        assertThat(ping.apps()).extracting(AppDirectory.ProviderApp::app).containsExactly("billing", "orders");
        assertThat(ping.apps().get(1).instances()).as("only the instance whose revision serves Ping")
                .extracting(AppDirectory.ServingInstance::address).containsExactly("10.0.0.1:12200");

        StringWriter text = new StringWriter();
        AppsOutput.printInterface(new PrintWriter(text), echo);
        assertThat(text.toString()).contains("interface " + ECHO + ": 1 application(s) provide it (catalog version 42), 1 interface-level publisher(s)",
                "  10.0.0.1:12200?timeout=3000&weight=5", "served before by (no live revision serves it now): legacy",
                "  10.0.0.9:80?x=1  (legacy, p1)");
        assertThat(directory().iface(OLD).apps()).isEmpty();
    }

    @Test
    void badNamesAreRefusedBeforeAnyRead() {
        AppDirectory reads = new AppDirectory(catalog, id -> {
            throw new AssertionError("read " + id);
        }, LIMITS);
        assertThatThrownBy(() -> reads.app("a b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> reads.iface("x#@#y#@#ROSTER_APP")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reserved group");
    }

    @Test
    void appsTableAndJson() {
        StringWriter text = new StringWriter();
        List<AppDirectory.AppSummary> apps = List.of(new AppDirectory.AppSummary("orders", 2, 50, 100));
        AppsOutput.printApps(new PrintWriter(text), 42, apps);
        assertThat(text.toString()).contains("1 application(s) with a live revision (catalog version 42)")
                .containsPattern("APP\\s+REVISIONS\\s+INTERFACES\\s+INSTANCES")
                .containsPattern("orders\\s+2\\s+50\\s+100");
        assertThat(AppsOutput.appsJson(42, apps)).isEqualTo(Map.of("catalogVersion", 42L,
                "apps", List.of(Map.of("app", "orders", "revisions", 2, "interfaces", 50, "instances", 100))));
    }
}
