package io.roster.tools.cli.meta;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roster meta}: operate the meta Raft group through JRaft's CliService. */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = "Operate the meta Raft group (peers, add-peer, remove-peer, change-peers, transfer-leader, snapshot).",
        subcommands = {PeersCommand.class, AddPeerCommand.class, RemovePeerCommand.class, ChangePeersCommand.class,
                TransferLeaderCommand.class, SnapshotCommand.class})
public final class MetaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand, show what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
