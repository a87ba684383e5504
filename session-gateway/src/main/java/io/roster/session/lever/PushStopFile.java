package io.roster.session.lever;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * This session's stop-push, kept in a file of its data dir so that it survives a restart: an operator who stopped a
 * session's pushes in an incident does not want a restart to start them again. The file's presence is the state.
 */
public final class PushStopFile {
    private final Path file;

    /** @param dir this session's own directory (created when needed) */
    public PushStopFile(Path dir) {
        this.file = dir.resolve("push-stopped");
    }

    public boolean stopped() {
        return Files.exists(file);
    }

    public void write(boolean stopped) {
        try {
            if (stopped) {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, "pushes stopped by the operator (roster session stop-push)\n");
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not record stop-push in " + file, e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
