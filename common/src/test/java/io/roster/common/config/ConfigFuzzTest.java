package io.roster.common.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's properties file, as `roster server --config FILE` loads it, then the derived settings a node reads at
 * start-up: whatever the file holds, the only failure is a {@link ConfigException} naming the key and the file.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "2h")
    void propertiesFile(byte[] input) throws IOException {
        Path file = Files.createTempFile("roster-fuzz", ".properties");
        try {
            Files.write(file, input);
            RosterConfig config;
            try {
                config = RosterConfig.load(file, Map.of(), Map.of());
                config.roles();
                config.limits();
                config.maxFrameBytes();
                config.metaPeers().forEach(HostPort::parse);
                config.metaServers().forEach(HostPort::parse);
            } catch (ConfigException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            for (ConfigKey<?> key : ConfigKeys.ALL) {
                assertThat((Object) config.get(key)).isNotNull();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theCorpusHoldsAValidFileWithEveryKey() {
        StringBuilder all = new StringBuilder("# every key at its default\n");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            all.append(key.name()).append(" = ").append(key.defaultValue()).append('\n');
        }
        String cluster = "roster.roles=meta,data\nroster.host=127.0.0.1\nmeta.peers=127.0.0.1:9700,127.0.0.2:9700\n"
                + "limits.data-item-max-bytes=1024\nrpc.max-frame-bytes=2000000\n";
        FuzzInputs corpus = FuzzInputs.of(ConfigFuzzTest.class, "propertiesFile");
        for (Map.Entry<String, String> seed : Map.of("valid-every-key", all.toString(), "valid-cluster", cluster).entrySet()) {
            byte[] bytes = seed.getValue().getBytes(StandardCharsets.UTF_8);
            corpus.writeSeedIfAsked(seed.getKey(), bytes);
            assertThat(corpus.contains(bytes)).as(seed.getKey()).isTrue();
        }
    }
}
