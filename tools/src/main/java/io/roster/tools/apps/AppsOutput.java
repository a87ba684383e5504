package io.roster.tools.apps;

import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.tools.apps.AppDirectory.AppDetail;
import io.roster.tools.apps.AppDirectory.AppSummary;
import io.roster.tools.apps.AppDirectory.InstanceRow;
import io.roster.tools.apps.AppDirectory.InterfaceDetail;
import io.roster.tools.apps.AppDirectory.InterfacePublisher;
import io.roster.tools.apps.AppDirectory.ProviderApp;
import io.roster.tools.apps.AppDirectory.ServingInstance;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON shapes (admin API and --json) and the text tables of the application views. */
public final class AppsOutput {
    private AppsOutput() {
    }

    public static Map<String, Object> appsJson(long catalogVersion, List<AppSummary> apps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalogVersion", catalogVersion);
        m.put("apps", apps.stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("app", a.app());
            row.put("revisions", a.revisions());
            row.put("interfaces", a.interfaces());
            row.put("instances", a.instances());
            return row;
        }).toList());
        return m;
    }

    public static Map<String, Object> appJson(AppDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", d.app());
        m.put("catalogVersion", d.catalogVersion());
        m.put("instances", d.instances().stream().map(AppsOutput::instanceJson).toList());
        m.put("revisions", d.revisions().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("digest", r.digest());
            row.put("instances", d.instancesPerRevision().getOrDefault(r.digest(), 0));
            row.put("interfaces", r.interfaces().stream().map(s -> {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("dataInfoId", s.dataInfoId());
                spec.put("params", s.params());
                return spec;
            }).toList());
            return row;
        }).toList());
        return m;
    }

    private static Map<String, Object> instanceJson(InstanceRow i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registerId", i.registerId());
        m.put("clientApp", i.clientApp());
        if (i.problem() != null) {
            m.put("problem", i.problem());
            return m;
        }
        m.put("address", i.address());
        m.put("revision", i.revision());
        m.put("revisionKnown", i.revisionKnown());
        m.put("params", i.params());
        return m;
    }

    public static Map<String, Object> interfaceJson(InterfaceDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", d.interfaceId());
        m.put("catalogVersion", d.catalogVersion());
        m.put("apps", d.apps().stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("app", a.app());
            row.put("paramsByRevision", a.paramsByRevision());
            row.put("instances", a.instances().stream().map(i -> {
                Map<String, Object> inst = new LinkedHashMap<>();
                inst.put("address", i.address());
                inst.put("revision", i.revision());
                inst.put("item", i.item());
                return inst;
            }).toList());
            return row;
        }).toList());
        m.put("formerApps", d.formerApps());
        m.put("datumVersion", d.datumVersion());
        m.put("publishers", d.publishers().stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("registerId", p.registerId());
            row.put("clientApp", p.clientApp());
            row.put("items", p.items());
            return row;
        }).toList());
        return m;
    }

    public static void printApps(PrintWriter out, long catalogVersion, List<AppSummary> apps) {
        out.println(apps.size() + " application(s) with a live revision (catalog version " + catalogVersion + ")");
        if (apps.isEmpty()) {
            return;
        }
        out.printf("%-32s %9s %10s %9s%n", "APP", "REVISIONS", "INTERFACES", "INSTANCES");
        for (AppSummary a : apps) {
            out.printf("%-32s %9d %10d %9d%n", a.app(), a.revisions(), a.interfaces(), a.instances());
        }
    }

    public static void printApp(PrintWriter out, AppDetail d) {
        out.println("app " + d.app() + ": " + d.instances().size() + " instance(s), " + d.revisions().size()
                + " live revision(s) (catalog version " + d.catalogVersion() + ")");
        if (!d.instances().isEmpty()) {
            out.printf("%-24s %-32s %s%n", "ADDRESS", "REVISION", "PARAMS");
            for (InstanceRow i : d.instances()) {
                if (i.problem() != null) {
                    out.printf("%-24s %-32s %s%n", "-", "-", "invalid item of publisher " + i.registerId() + ": " + i.problem());
                } else {
                    out.printf("%-24s %-32s %s%n", i.address(), i.revision() + (i.revisionKnown() ? "" : " (unknown)"),
                            params(i.params()));
                }
            }
        }
        for (Revision r : d.revisions()) {
            out.println("revision " + r.digest() + ": " + d.instancesPerRevision().getOrDefault(r.digest(), 0)
                    + " instance(s), " + r.interfaces().size() + " interface(s)");
            for (InterfaceSpec s : r.interfaces()) {
                out.println("  " + s.dataInfoId() + (s.params().isEmpty() ? "" : " " + params(s.params())));
            }
        }
    }

    public static void printInterface(PrintWriter out, InterfaceDetail d) {
        out.println("interface " + d.interfaceId() + ": " + d.apps().size() + " application(s) provide it (catalog version "
                + d.catalogVersion() + "), " + d.publishers().size() + " interface-level publisher(s)");
        for (ProviderApp a : d.apps()) {
            out.println("app " + a.app() + ": " + a.instances().size() + " instance(s) serve it");
            a.paramsByRevision().forEach((digest, p) -> out.println("  revision " + digest + (p.isEmpty() ? "" : " " + params(p))));
            for (ServingInstance i : a.instances()) {
                out.println("  " + i.item());
            }
        }
        if (!d.formerApps().isEmpty()) {
            out.println("served before by (no live revision serves it now): " + String.join(", ", d.formerApps()));
        }
        if (!d.publishers().isEmpty()) {
            out.println("interface-level publishers (datum version " + d.datumVersion() + "):");
            for (InterfacePublisher p : d.publishers()) {
                out.println("  " + String.join(" ", p.items()) + "  (" + p.clientApp() + ", " + p.registerId() + ")");
            }
        }
    }

    static String params(Map<String, String> params) {
        return params.isEmpty() ? "-" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }
}
