package io.roster.tools.cluster;

/** The two ports of one local node: its role's port (meta.port, data.port or session.port) and admin.port. */
public record NodePorts(int rolePort, int adminPort) {
}
