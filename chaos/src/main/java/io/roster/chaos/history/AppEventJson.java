package io.roster.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history lines of {@link AppEvent}s, both ways; {@link EventJson} hands them here. An instance's fields are
 * written flat: {@code app}, {@code address}, {@code revision}, {@code interfaces} (an object of interface -> object
 * of its parameters) and {@code params} (the instance's own).
 */
final class AppEventJson {
    private AppEventJson() {
    }

    static void write(AppEvent e, ObjectNode n) {
        if (e instanceof AppEvent.Publish p) {
            n.put("client", p.client()).put("pub", p.pub());
            instance(n, p.instance());
            EventJson.calledAt(n, p.calledAt(), p.t());
        } else if (e instanceof AppEvent.PublishFailed p) {
            n.put("client", p.client()).put("pub", p.pub());
            instance(n, p.instance());
            n.put("error", p.error());
            EventJson.calledAt(n, p.calledAt(), p.t());
        } else if (e instanceof AppEvent.Unpublish u) {
            n.put("client", u.client()).put("app", u.app()).put("pub", u.pub());
            EventJson.calledAt(n, u.calledAt(), u.t());
        } else if (e instanceof AppEvent.UnpublishFailed u) {
            n.put("client", u.client()).put("app", u.app()).put("pub", u.pub()).put("error", u.error());
            EventJson.calledAt(n, u.calledAt(), u.t());
        } else if (e instanceof AppEvent.Subscribe s) {
            n.put("client", s.client()).put("sub", s.sub()).put("interfaceId", s.interfaceId());
        } else if (e instanceof AppEvent.Instances i) {
            n.put("sub", i.sub()).put("interfaceId", i.interfaceId()).put("version", i.version());
            ArrayNode items = n.putArray("items");
            i.items().forEach(items::add);
            if (i.bytes() != null) {
                n.put("bytes", i.bytes());
            }
        }
    }

    static AppEvent read(String type, long t, JsonNode n) {
        return switch (type) {
            case "appPublish", "appRollout" -> new AppEvent.Publish(t, EventJson.text(n, "client"),
                    EventJson.text(n, "pub"), instance(n), type.equals("appRollout"),
                    EventJson.optionalLong(n, "calledAt", t));
            case "appPublishFailed", "appRolloutFailed" -> new AppEvent.PublishFailed(t, EventJson.text(n, "client"),
                    EventJson.text(n, "pub"), instance(n), type.equals("appRolloutFailed"), EventJson.text(n, "error"),
                    EventJson.optionalLong(n, "calledAt", t));
            case "appUnpublish" -> new AppEvent.Unpublish(t, EventJson.text(n, "client"), EventJson.text(n, "app"),
                    EventJson.text(n, "pub"), EventJson.optionalLong(n, "calledAt", t));
            case "appUnpublishFailed" -> new AppEvent.UnpublishFailed(t, EventJson.text(n, "client"),
                    EventJson.text(n, "app"), EventJson.text(n, "pub"), EventJson.text(n, "error"),
                    EventJson.optionalLong(n, "calledAt", t));
            case "interfaceSubscribe" -> new AppEvent.Subscribe(t, EventJson.text(n, "client"),
                    EventJson.text(n, "sub"), EventJson.text(n, "interfaceId"));
            case "instances" -> new AppEvent.Instances(t, EventJson.text(n, "sub"), EventJson.text(n, "interfaceId"),
                    EventJson.longField(n, "version"), EventJson.items(n), EventJson.optionalInt(n, "bytes"));
            default -> throw new IllegalArgumentException("unknown event type \"" + type + "\"");
        };
    }

    private static void instance(ObjectNode n, AppEvent.Instance i) {
        n.put("app", i.app()).put("address", i.address()).put("revision", i.revision());
        ObjectNode interfaces = n.putObject("interfaces");
        i.interfaces().forEach((iface, params) -> strings(interfaces.putObject(iface), params));
        strings(n.putObject("params"), i.params());
    }

    private static void strings(ObjectNode n, Map<String, String> map) {
        map.forEach(n::put);
    }

    private static AppEvent.Instance instance(JsonNode n) {
        JsonNode interfaces = EventJson.field(n, "interfaces");
        if (!interfaces.isObject()) {
            throw new IllegalArgumentException("field \"interfaces\" is not an object: " + interfaces);
        }
        Map<String, Map<String, String>> specs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = interfaces.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            specs.put(e.getKey(), strings(e.getValue(), "interfaces." + e.getKey()));
        }
        JsonNode params = n.get("params");
        return new AppEvent.Instance(EventJson.text(n, "app"), EventJson.text(n, "address"),
                EventJson.text(n, "revision"), specs,
                params == null || params.isNull() ? Map.of() : strings(params, "params"));
    }

    private static Map<String, String> strings(JsonNode n, String name) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an object: " + n);
        }
        Map<String, String> out = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                bad.add(e.getKey());
            }
        });
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("field \"" + name + "\" has values that are not strings: " + bad);
        }
        return out;
    }
}
