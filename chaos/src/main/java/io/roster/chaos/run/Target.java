package io.roster.chaos.run;

/** One node of the cluster under test: its name (e.g. {@code data-2}), role and the address it serves on. */
public record Target(String name, String role, String address) {
}
