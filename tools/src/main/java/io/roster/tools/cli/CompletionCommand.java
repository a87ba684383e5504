package io.roster.tools.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code roster completion bash|zsh}: the shell completion script, generated from the picocli model, so every command
 * and option is in it as soon as it exists. zsh runs the same script through its bash compatibility (the script
 * calls {@code bashcompinit} itself when it sees zsh).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for SHELL (bash or zsh), generated from the commands and options.",
                "bash: source <(roster completion bash)   (or save it to /etc/bash_completion.d/roster)",
                "zsh:  source <(roster completion zsh)    (the script loads bashcompinit itself)"})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the script works in. */
    public enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.println("# roster completion for zsh: the bash script below, run through zsh's bashcompinit.");
        }
        out.print(script(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return 0;
    }

    /** The bash completion script of {@code root}'s command tree. */
    public static String script(String name, picocli.CommandLine root) {
        return AutoComplete.bash(name, root);
    }
}
