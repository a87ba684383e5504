package io.roster.tools.cli.meta;

/**
 * A {@code roster meta} subcommand about one member named by a HOST:PORT argument. Each subcommand declares the
 * argument (an annotated setter, for its own help text); this checks it.
 */
abstract class OnePeerCommand extends MetaSubcommand {
    /** The member, spelled as given (JRaft names peers by that exact text). */
    String peer;

    @Override
    final void checkArguments() {
        peer = hostPort(peer);
    }
}
