package io.roster.tools.cli;

import io.roster.common.model.RegistryLimits;
import io.roster.tools.apps.AppDirectory;
import io.roster.tools.apps.AppsOutput;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code roster interface IFACE}: who provides an interface, application-level and interface-level. */
@Command(name = "interface", mixinStandardHelpOptions = true,
        description = {"Show interface IFACE: the applications whose live revisions serve it (with each revision's",
                "parameters and each instance with its converted item; unlike a subscriber's list, an instance",
                "also published at an interface-level publisher's address is listed as well), those that served it",
                "before, and its own interface-level publishers (its datum as stored, not converted)."})
public final class InterfaceCommand extends AppCatalogCommand {
    @Parameters(index = "0", paramLabel = "IFACE", description = "Interface: a service name, or a full dataId#@#instanceId#@#group.")
    String iface;

    @Override
    void check(RegistryLimits limits) {
        AppDirectory.checkedInterface(iface, limits);
    }

    @Override
    int show(AppDirectory directory, PrintWriter out, PrintWriter err) {
        AppDirectory.InterfaceDetail detail = directory.iface(iface);
        if (meta.json()) {
            JsonOutput.print(out, AppsOutput.interfaceJson(detail));
        } else {
            AppsOutput.printInterface(out, detail);
        }
        return 0;
    }
}
