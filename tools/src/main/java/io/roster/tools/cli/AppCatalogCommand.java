package io.roster.tools.cli;

import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.tools.options.CliTls;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.tools.apps.AppDirectory;
import io.roster.tools.apps.SlotLeaderReads;

import java.io.PrintWriter;

/**
 * The shape of apps, app and interface: the revision catalog from the meta leader ({@code RevisionCatalogRequest(0)},
 * following NOT_LEADER like every meta query), the slot table from it too, and the datums read raw from their slot
 * leaders (no SDK client, no subscription). A bad name is exit 2, checked before anything is asked.
 */
abstract class AppCatalogCommand extends MetaQueryCommand {
    /** Checks the arguments; throws {@link InvalidInputException} naming what is wrong. */
    abstract void check(RegistryLimits limits);

    /** Prints the view; returns the exit code. */
    abstract int show(AppDirectory directory, PrintWriter out, PrintWriter err);

    @Override
    final int run(PrintWriter out, PrintWriter err) {
        try {
            check(RegistryLimits.DEFAULTS);
        } catch (InvalidInputException e) {
            return fail(err, e.getMessage(), 2);
        }
        RevisionCatalog catalog = ask(new RevisionCatalogRequest(0), RevisionCatalogReply.class,
                RevisionCatalogReply::leaderAddress).applyTo(RevisionCatalog.EMPTY);
        SlotTable table = clusterStatus().slotTable();
        try (RpcCaller caller = new RpcCaller(CliTls.outgoing())) {
            SlotLeaderReads reads = new SlotLeaderReads(caller, table == null ? SlotTable.EMPTY : table, meta.timeoutMs());
            return show(new AppDirectory(catalog, reads, RegistryLimits.DEFAULTS), out, err);
        }
    }
}
