package io.roster.common.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the SDK and the CLI find TLS files in the environment, and how the password is given. */
class TlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void noKeystoreInTheEnvironmentMeansPlain() {
        assertThat(TlsFiles.fromEnvironment(Map.of())).isEmpty();
        assertThat(TlsFiles.fromEnvironment(Map.of(TlsFiles.ENV_KEYSTORE, " "))).isEmpty();
    }

    @Test
    void aKeystoreWithoutTheCaIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> TlsFiles.fromEnvironment(Map.of(TlsFiles.ENV_KEYSTORE, "k.p12")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TlsFiles.ENV_CA_CERT);
    }

    @Test
    void thePasswordComesInlineOrFromTheFirstLineOfAFileButNotBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret\nignored\n");
        TlsFiles fromFile = TlsFiles.fromEnvironment(Map.of(TlsFiles.ENV_KEYSTORE, "k.p12", TlsFiles.ENV_CA_CERT, "ca.pem",
                TlsFiles.ENV_KEYSTORE_PASSWORD_FILE, file.toString())).orElseThrow();
        assertThat(fromFile.password()).containsExactly("s3cret".toCharArray());
        assertThat(fromFile.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> TlsFiles.password("a", file.toString(), "x.password", "x.password-file"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> TlsFiles.password("", dir.resolve("missing").toString(), "x.password", "x.password-file"))
                .hasMessageContaining("x.password-file");
    }
}
