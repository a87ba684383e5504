package io.roster.tools.output;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a man page (roff, section 1) for {@code roster} and for each of its commands, from the picocli model, so
 * the pages say exactly what {@code --help} says. picocli's own generator writes AsciiDoc, which needs asciidoctor
 * to become a man page; these few roff macros need nothing. Run at build time into {@code tools/target/man}.
 */
public final class ManPages {
    private final String date;

    public ManPages(String date) {
        this.date = date;
    }

    /**
     * {@code args[0]}: the directory to write the pages to (created if missing); {@code args[1]}: the class whose
     * static {@code commandLine()} gives the whole command tree (named, not imported: the entry point depends on
     * this package, not the other way round).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR ROOT_CLASS");
        }
        CommandLine root = (CommandLine) Class.forName(args[1]).getMethod("commandLine").invoke(null);
        List<Path> written = new ManPages(java.time.LocalDate.now().toString()).writeAll(root, Path.of(args[0]));
        System.out.println("wrote " + written.size() + " man pages to " + args[0]);
    }

    /** Writes the page of {@code root} and of every subcommand under it; returns the files written. */
    public List<Path> writeAll(CommandLine root, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        write(root, dir, out);
        return out;
    }

    private void write(CommandLine cl, Path dir, List<Path> out) throws IOException {
        CommandSpec spec = cl.getCommandSpec();
        Path file = dir.resolve(pageName(spec) + ".1");
        Files.writeString(file, page(spec), StandardCharsets.UTF_8);
        out.add(file);
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName()) && !sub.getKey().equals("help")) {
                write(sub.getValue(), dir, out);
            }
        }
    }

    /** {@code roster-meta-peers} for {@code roster meta peers}. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** The roff text of one command's page. */
    public String page(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        String name = pageName(spec);
        b.append(".TH \"").append(name.toUpperCase()).append("\" \"1\" \"").append(date).append("\" \"Roster\" \"Roster Manual\"\n");
        b.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(firstLine(spec.usageMessage().description())))
                .append('\n');
        b.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName(" "))).append('\n');
        b.append(escape(synopsisArgs(spec))).append('\n');
        String[] description = spec.usageMessage().description();
        if (description.length > 0) {
            b.append(".SH DESCRIPTION\n");
            for (String line : description) {
                b.append(escape(line)).append("\n.PP\n");
            }
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            b.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                b.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    b.append(' ').append(escape(o.paramLabel()));
                }
                b.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
            }
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                b.append(".TP\n.B ").append(escape(p.paramLabel())).append('\n')
                        .append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        Map<String, CommandLine> subs = spec.subcommands();
        if (!subs.isEmpty()) {
            b.append(".SH COMMANDS\n");
            subs.forEach((key, sub) -> {
                if (key.equals(sub.getCommandName())) {
                    b.append(".TP\n.B ").append(escape(key)).append('\n')
                            .append(escape(firstLine(sub.getCommandSpec().usageMessage().description())))
                            .append(" (see \\fB").append(escape(pageName(sub.getCommandSpec()))).append("\\fR(1))\n");
                }
            });
        }
        return b.toString();
    }

    private static String synopsisArgs(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        if (!spec.options().isEmpty()) {
            b.append("[OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            b.append(b.length() > 0 ? " " : "").append(p.paramLabel());
        }
        if (!spec.subcommands().isEmpty()) {
            b.append(b.length() > 0 ? " " : "").append("COMMAND");
        }
        return b.toString();
    }

    private static String firstLine(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** Roff-safe text: backslashes doubled, a leading dot or quote guarded, picocli's markup left as plain text. */
    static String escape(String text) {
        String plain = text.replaceAll("@\\|[a-z,]+ ([^|]*)\\|@", "$1").replace("%n", " ").replace("\\", "\\\\")
                .replace("-", "\\-");
        return plain.startsWith(".") || plain.startsWith("'") ? "\\&" + plain : plain;
    }
}
