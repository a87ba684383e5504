package io.roster.spring.instance;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceJsonTest {

    @Test
    void writesTheDocumentedVersionOneFormWithMetadataSortedByKey() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("zone", "a");
        metadata.put("version", "2");
        RosterInstance instance = new RosterInstance("orders", "10.0.0.5:8080", "10.0.0.5", 8080, false, metadata);

        assertThat(InstanceJson.encode(instance)).isEqualTo("{\"v\":1,\"serviceId\":\"orders\",\"instanceId\":\"10.0.0.5:8080\","
                + "\"host\":\"10.0.0.5\",\"port\":8080,\"secure\":false,\"metadata\":{\"version\":\"2\",\"zone\":\"a\"}}");
    }

    @Test
    void readsBackWhatItWrites() {
        RosterInstance instance = new RosterInstance("pay", "i-1", "h.example", 443, true, Map.of("k", "v \"quoted\" ünï"));

        assertThat(InstanceJson.decode(InstanceJson.encode(instance))).isEqualTo(instance);
    }

    @Test
    void ignoresFieldsItDoesNotKnowAndTakesAbsentOptionalOnes() {
        RosterInstance read = InstanceJson.decode("{\"v\":1,\"serviceId\":\"s\",\"instanceId\":\"i\",\"host\":\"h\","
                + "\"port\":80,\"weight\":5,\"extra\":{\"a\":[1]}}");

        assertThat(read).isEqualTo(new RosterInstance("s", "i", "h", 80, false, Map.of()));
    }

    @Test
    void refusesANewerVersionSoAnOldReaderSkipsTheItem() {
        assertThatThrownBy(() -> InstanceJson.decode("{\"v\":2,\"serviceId\":\"s\",\"instanceId\":\"i\",\"host\":\"h\",\"port\":80}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2 is newer");
    }

    @Test
    void namesWhatIsWrongInABadItem() {
        assertThatThrownBy(() -> InstanceJson.decode("10.0.0.1:80")).hasMessageContaining("not");
        assertThatThrownBy(() -> InstanceJson.decode("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> InstanceJson.decode("{\"serviceId\":\"s\"}")).hasMessageContaining("\"v\"");
        assertThatThrownBy(() -> InstanceJson.decode("{\"v\":1,\"serviceId\":\"s\",\"instanceId\":\"i\",\"host\":\"h\"}"))
                .hasMessageContaining("\"port\"");
        assertThatThrownBy(() -> InstanceJson.decode("{\"v\":1,\"serviceId\":\"s\",\"instanceId\":\"i\",\"port\":1}"))
                .hasMessageContaining("\"host\"");
        assertThatThrownBy(() -> InstanceJson.decode("{\"v\":1,\"serviceId\":\"s\",\"instanceId\":\"i\",\"host\":\"h\","
                + "\"port\":70000}")).hasMessageContaining("port must be 1..65535");
        assertThatThrownBy(() -> InstanceJson.decode("{\"v\":1,\"serviceId\":\"s\",\"instanceId\":\"i\",\"host\":\"h\","
                + "\"port\":1,\"metadata\":{\"a\":{}}}")).hasMessageContaining("metadata \"a\"");
    }

    @Test
    void serviceIdsMapToLowerCaseDataIdsApartFromTheDirectory() {
        assertThat(ServiceDataIds.instances(" Orders ")).isEqualTo("spring:orders");
        assertThat(ServiceDataIds.instances("services")).isNotEqualTo(ServiceDataIds.DIRECTORY);
        assertThatThrownBy(() -> ServiceDataIds.instances(" ")).hasMessageContaining("serviceId is empty");
    }
}
