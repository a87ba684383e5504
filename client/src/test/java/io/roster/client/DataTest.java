package io.roster.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTest {
    @Test
    void stringsRoundTripAsUtf8() {
        List<byte[]> bytes = Data.utf8("a:1", "é:2");
        assertThat(bytes.get(1)).hasSize(4);
        assertThat(Data.asStrings(bytes)).containsExactly("a:1", "é:2");

        List<List<String>> seen = new ArrayList<>();
        SubscriptionListener.strings((id, data, version) -> seen.add(data)).onData("d", bytes, 3);
        assertThat(seen).containsExactly(List.of("a:1", "é:2"));
    }

    @Test
    void builderOptionsAreCheckedBeforeConnecting() {
        assertThatThrownBy(() -> RosterClient.builder().sessions("127.0.0.1:1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appName is required");
        assertThatThrownBy(() -> RosterClient.builder().sessions(" , ").appName("a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessions");
        assertThatThrownBy(() -> RosterClient.builder().sessions("127.0.0.1:1").appName("a")
                .requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }
}
