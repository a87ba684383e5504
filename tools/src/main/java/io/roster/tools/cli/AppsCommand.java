package io.roster.tools.cli;

import io.roster.common.model.RegistryLimits;
import io.roster.tools.apps.AppDirectory;
import io.roster.tools.apps.AppsOutput;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** {@code roster apps}: the applications with a live revision, from meta's catalog and their datums. */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = {"List the applications with a live revision: live revisions, interfaces served, instances.",
                "Revisions come from the meta leader's catalog, instances from each application's datum on its slot leader."})
public final class AppsCommand extends AppCatalogCommand {
    @Override
    void check(RegistryLimits limits) {
    }

    @Override
    int show(AppDirectory directory, PrintWriter out, PrintWriter err) {
        List<AppDirectory.AppSummary> apps = directory.apps();
        long version = directory.catalog().version();
        if (meta.json()) {
            JsonOutput.print(out, AppsOutput.appsJson(version, apps));
        } else {
            AppsOutput.printApps(out, version, apps);
        }
        return 0;
    }
}
