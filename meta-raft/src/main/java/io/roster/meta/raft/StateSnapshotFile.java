package io.roster.meta.raft;

import io.roster.meta.image.MetaImage;
import io.roster.meta.state.MetaStateCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one file of a meta snapshot: the whole image in its stored form ({@link io.roster.meta.state.MetaState}),
 * protostuff-encoded. The name carries the format version.
 */
final class StateSnapshotFile {
    static final String NAME = "meta-state-v1";

    private StateSnapshotFile() {
    }

    /** Writes and fsyncs the image into {@code dir}: jraft only records the snapshot, it does not flush our files. */
    static void write(Path dir, MetaImage image) {
        ByteBuffer bytes = ByteBuffer.wrap(MetaStateCodec.encode(image.toSnapshot()));
        try (FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    static MetaImage read(Path dir) {
        try {
            return MetaImage.fromSnapshot(MetaStateCodec.decode(Files.readAllBytes(dir.resolve(NAME))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }
}
