package io.roster.tools.cli.lever;

import io.roster.common.config.ConfigException;

/** The add|remove word of the list levers. */
final class AddRemove {
    private AddRemove() {
    }

    static boolean on(String action) {
        return switch (action) {
            case "add" -> true;
            case "remove" -> false;
            default -> throw new ConfigException("expected add or remove, not '" + action + "'");
        };
    }
}
