package io.roster.tools.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a node's JVM is launched: which java, which classpath, which flags. */
public record JvmCommand(Path java, String classpath, List<String> flags) {
    /**
     * The flags of the ./roster script (see its comments and STACK-NOTES.md for why each is there), plus a small
     * heap, the serial collector and C1 only: eight JVMs of a local cluster must start fast and fit on a laptop.
     */
    public static final List<String> NODE_FLAGS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "-Dsofa.middleware.log.disable=true", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
            "-Dsun.net.httpserver.nodelay=true", "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * The {@code roster} entry point a node runs. Named as text: it is the other process's command line, and naming
     * the class would tie this package to the top one (which registers every command, including the ones using this).
     */
    public static final String MAIN_CLASS = "io.roster.tools.RosterMain";

    public JvmCommand {
        flags = List.copyOf(flags);
    }

    /** This JVM's java executable and classpath (roster.jar in production, the test classpath in tests). */
    public static JvmCommand ofThisJvm() {
        return new JvmCommand(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                NODE_FLAGS);
    }

    /** {@code java FLAGS -cp CP io.roster.tools.RosterMain server --config FILE}. */
    public List<String> server(Path config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.add("server");
        cmd.add("--config");
        cmd.add(config.toString());
        return cmd;
    }
}
