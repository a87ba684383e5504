package io.roster.tools.cli;

import io.roster.common.app.AppIds;
import io.roster.common.model.RegistryLimits;
import io.roster.tools.apps.AppDirectory;
import io.roster.tools.apps.AppsOutput;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code roster app APP}: one application's instances and live revisions. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = {"Show application APP: its instances (address, revision, instance parameters) and each live",
                "revision's interfaces with their parameters. Exit 1 when APP has neither a live revision nor an instance."})
public final class AppCommand extends AppCatalogCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "Application name.")
    String app;

    @Override
    void check(RegistryLimits limits) {
        AppIds.checkAppName(app, limits);
    }

    @Override
    int show(AppDirectory directory, PrintWriter out, PrintWriter err) {
        AppDirectory.AppDetail detail = directory.app(app);
        if (!detail.exists()) {
            return fail(err, "no application " + app + ": no live revision and no instance", 1);
        }
        if (meta.json()) {
            JsonOutput.print(out, AppsOutput.appJson(detail));
        } else {
            AppsOutput.printApp(out, detail);
        }
        return 0;
    }
}
