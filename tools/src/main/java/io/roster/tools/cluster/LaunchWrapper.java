package io.roster.tools.cluster;

import java.util.List;

/**
 * Puts something around a node's command line before it is launched, e.g. a shell that moves the process into its
 * own cgroup and then execs the JVM (same pid), so that the chaos harness can cut its network links.
 */
@FunctionalInterface
public interface LaunchWrapper {
    LaunchWrapper NONE = (node, command) -> command;

    List<String> wrap(NodeName node, List<String> command);
}
