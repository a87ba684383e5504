package io.roster.common.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataInfoIdTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;

    @Test
    void bareDataIdGetsDefaultInstanceAndGroup() {
        DataInfoId id = DataInfoId.parse("com.example.EchoService", LIMITS);
        assertThat(id.toString()).isEqualTo("com.example.EchoService#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        assertThat(DataInfoId.parse(id.toString(), LIMITS)).isEqualTo(id);
    }

    @Test
    void rejectsBadInputWithAReason() {
        assertThatThrownBy(() -> DataInfoId.parse("", LIMITS)).isInstanceOf(InvalidInputException.class).hasMessage("dataId is empty");
        assertThatThrownBy(() -> DataInfoId.parse(null, LIMITS)).hasMessage("dataInfoId is missing");
        assertThatThrownBy(() -> DataInfoId.parse("a\nb", LIMITS)).hasMessageContaining("control or white-space");
        assertThatThrownBy(() -> DataInfoId.parse("a#@#b", LIMITS)).hasMessageContaining("got 2 parts");
        assertThatThrownBy(() -> DataInfoId.parse("a#@##@#g", LIMITS)).hasMessage("instanceId is empty");
        assertThatThrownBy(() -> DataInfoId.parse("x".repeat(600), LIMITS)).hasMessageContaining("over the limit of 512");
    }

    @Test
    void limitsCheckData() {
        assertThatThrownBy(() -> LIMITS.checkData(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> LIMITS.checkData(List.of(new byte[16 * 1024 + 1])))
                .hasMessageContaining("16385 bytes, over the limit of 16384");
        LIMITS.checkData(List.of(new byte[16 * 1024]));
    }
}
