package io.roster.tools.options;

import io.roster.common.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An admin token kept in a file: its first line, trimmed. Shared by the server (admin.token-file) and the CLI (--token-file). */
public final class TokenFile {
    private TokenFile() {
    }

    /** The token in {@code file}; a {@link ConfigException} naming the file and {@code setting} when it is unusable. */
    public static String read(Path file, String setting) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String first = lines.isEmpty() ? "" : lines.get(0).trim();
            if (first.isEmpty()) {
                throw new ConfigException(setting + " " + file + " is empty: its first line must be the admin token");
            }
            return first;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + setting + " " + file + ": " + e.getMessage());
        }
    }
}
