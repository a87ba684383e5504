package io.roster.tools.options;

import picocli.CommandLine.Option;

/** {@code --json}: the output switch of every command that can print JSON instead of text. */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    public boolean json() {
        return json;
    }
}
