package io.roster.tools.options;

import picocli.CommandLine.Option;

/**
 * {@code --output text|json}: the output switch of every command that can print JSON instead of text; {@code --json}
 * stays as the short alias scripts already use.
 */
public final class OutputOption {
    /** What a command prints. */
    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--json", description = "Print JSON instead of text (same as --output json).")
    boolean json;

    public Format format() {
        return json ? Format.json : format;
    }

    public boolean json() {
        return format() == Format.json;
    }
}
