package io.roster.spring.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared JSON form of an instance, one Roster data item per instance (docs/SPRING.md, "Instance data"):
 * <pre>{"v":1,"serviceId":"orders","instanceId":"10.0.0.5:8080","host":"10.0.0.5","port":8080,"secure":false,
 *  "metadata":{"zone":"a"}}</pre>
 * {@code v} is the form's version. A reader ignores fields it does not know, so a writer may add optional fields
 * without raising it; {@code v} goes up only when a field changes meaning or a new one must be understood, and a
 * reader skips an item of a version above its own (this one: {@value #VERSION}). Metadata is written sorted by key,
 * so one instance always encodes to the same bytes.
 */
public final class InstanceJson {
    /** The version this class writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InstanceJson() {
    }

    public static String encode(RosterInstance instance) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", VERSION);
        node.put("serviceId", instance.serviceId());
        node.put("instanceId", instance.instanceId());
        node.put("host", instance.host());
        node.put("port", instance.port());
        node.put("secure", instance.secure());
        ObjectNode metadata = node.putObject("metadata");
        new TreeMap<>(instance.metadata()).forEach(metadata::put);
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an instance as JSON", e);
        }
    }

    /**
     * Reads one item.
     *
     * @throws IllegalArgumentException not JSON, not an object, {@code v} missing or not {@value #VERSION}, or a required field
     *                                  (serviceId, instanceId, host, port) missing or of the wrong type
     */
    public static RosterInstance decode(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode v = node.get("v");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new IllegalArgumentException("no version: \"v\" must be a positive integer");
        }
        if (v.intValue() > VERSION) {
            throw new IllegalArgumentException("version " + v.intValue() + " is newer than this reader's (" + VERSION + ")");
        }
        JsonNode port = node.get("port");
        if (port == null || !port.isIntegralNumber()) {
            throw new IllegalArgumentException("\"port\" must be an integer");
        }
        JsonNode secure = node.get("secure");
        if (secure != null && !secure.isBoolean() && !secure.isNull()) {
            throw new IllegalArgumentException("\"secure\" must be true or false");
        }
        return new RosterInstance(text(node, "serviceId"), text(node, "instanceId"), text(node, "host"), port.intValue(),
                secure != null && secure.booleanValue(), metadata(node.get("metadata")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("\"metadata\" must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException("metadata \"" + e.getKey() + "\" must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
