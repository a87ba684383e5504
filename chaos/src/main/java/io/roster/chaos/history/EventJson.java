package io.roster.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roster.chaos.history.Event.Close;
import io.roster.chaos.history.Event.Connected;
import io.roster.chaos.history.Event.End;
import io.roster.chaos.history.Event.Fault;
import io.roster.chaos.history.Event.Phase;
import io.roster.chaos.history.Event.Publish;
import io.roster.chaos.history.Event.PublishFailed;
import io.roster.chaos.history.Event.Push;
import io.roster.chaos.history.Event.Quiesce;
import io.roster.chaos.history.Event.Steady;
import io.roster.chaos.history.Event.Subscribe;
import io.roster.chaos.history.Event.Unpublish;
import io.roster.chaos.history.Event.UnpublishFailed;
import io.roster.chaos.history.Event.Unsubscribe;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that knows the history line format, both ways. Written by hand rather than by Jackson's
 * polymorphic binding so that a missing field is an error naming the field (binding would quietly give 0 or
 * null) and the model stays free of annotations. Unknown fields are ignored, so a recorder may add some.
 */
public final class EventJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    /** The line for {@code e}: {@code t} and {@code type} first, then its fields. */
    public static ObjectNode toJson(Event e) {
        ObjectNode n = NODES.objectNode();
        n.put("t", e.t());
        n.put("type", e.type());
        if (e instanceof Publish p) {
            n.put("client", p.client()).put("dataId", p.dataId()).put("pub", p.pub()).put("item", p.item())
                    .put("pinned", p.pinned());
            calledAt(n, p.calledAt(), p.t());
        } else if (e instanceof PublishFailed p) {
            n.put("client", p.client()).put("dataId", p.dataId()).put("pub", p.pub()).put("item", p.item())
                    .put("error", p.error());
            calledAt(n, p.calledAt(), p.t());
        } else if (e instanceof Unpublish u) {
            n.put("client", u.client()).put("dataId", u.dataId()).put("pub", u.pub());
            calledAt(n, u.calledAt(), u.t());
        } else if (e instanceof UnpublishFailed u) {
            n.put("client", u.client()).put("dataId", u.dataId()).put("pub", u.pub()).put("error", u.error());
            calledAt(n, u.calledAt(), u.t());
        } else if (e instanceof Subscribe s) {
            n.put("client", s.client()).put("sub", s.sub()).put("dataId", s.dataId());
        } else if (e instanceof Unsubscribe u) {
            n.put("sub", u.sub());
        } else if (e instanceof Close c) {
            n.put("client", c.client());
            calledAt(n, c.calledAt(), c.t());
        } else if (e instanceof Connected c) {
            n.put("client", c.client()).put("session", c.session());
        } else if (e instanceof Push p) {
            n.put("sub", p.sub()).put("dataId", p.dataId()).put("version", p.version());
            ArrayNode items = n.putArray("items");
            p.items().forEach(items::add);
            if (p.bytes() != null) {
                n.put("bytes", p.bytes());
            }
        } else if (e instanceof Fault f) {
            n.put("kind", f.kind()).put("role", f.role()).put("target", f.target()).put("phase", f.phase().json());
        } else if (e instanceof AppEvent a) {
            AppEventJson.write(a, n);
        }
        // Steady, Quiesce and End have nothing beyond t and type.
        return n;
    }

    /** @throws IllegalArgumentException naming what is missing or malformed */
    public static Event fromJson(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        long t = longField(n, "t");
        String type = text(n, "type");
        return switch (type) {
            case "publish" -> new Publish(t, text(n, "client"), text(n, "dataId"), text(n, "pub"), text(n, "item"),
                    bool(n, "pinned"), optionalLong(n, "calledAt", t));
            case "publishFailed" -> new PublishFailed(t, text(n, "client"), text(n, "dataId"), text(n, "pub"),
                    text(n, "item"), text(n, "error"), optionalLong(n, "calledAt", t));
            case "unpublish" -> new Unpublish(t, text(n, "client"), text(n, "dataId"), text(n, "pub"),
                    optionalLong(n, "calledAt", t));
            case "unpublishFailed" -> new UnpublishFailed(t, text(n, "client"), text(n, "dataId"), text(n, "pub"),
                    text(n, "error"), optionalLong(n, "calledAt", t));
            case "subscribe" -> new Subscribe(t, text(n, "client"), text(n, "sub"), text(n, "dataId"));
            case "unsubscribe" -> new Unsubscribe(t, text(n, "sub"));
            case "close" -> new Close(t, text(n, "client"), optionalLong(n, "calledAt", t));
            case "connected" -> new Connected(t, text(n, "client"), text(n, "session"));
            case "push" -> new Push(t, text(n, "sub"), text(n, "dataId"), longField(n, "version"), items(n),
                    optionalInt(n, "bytes"));
            case "fault" -> new Fault(t, text(n, "kind"), text(n, "role"), text(n, "target"), phase(n));
            case "steady" -> new Steady(t);
            case "quiesce" -> new Quiesce(t);
            case "end" -> new End(t);
            default -> AppEventJson.read(type, t, n); // throws naming a type it does not know either
        };
    }

    static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return v;
    }

    static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not a string: " + v);
        }
        return v.asText();
    }

    static long longField(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an integer: " + v);
        }
        return v.longValue();
    }

    /** Written only when the call took time, so that histories without it read the same. */
    static void calledAt(ObjectNode n, long calledAt, long t) {
        if (calledAt != t) {
            n.put("calledAt", calledAt);
        }
    }

    static long optionalLong(JsonNode n, String name, long otherwise) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? otherwise : longField(n, name);
    }

    static Integer optionalInt(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an int: " + v);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not a boolean: " + v);
        }
        return v.booleanValue();
    }

    static List<String> items(JsonNode n) {
        JsonNode v = field(n, "items");
        if (!v.isArray()) {
            throw new IllegalArgumentException("field \"items\" is not an array: " + v);
        }
        List<String> items = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("an element of \"items\" is not a string: " + item);
            }
            items.add(item.asText());
        }
        return items;
    }

    private static Phase phase(JsonNode n) {
        String phase = text(n, "phase");
        for (Phase p : Phase.values()) {
            if (p.json().equals(phase)) {
                return p;
            }
        }
        throw new IllegalArgumentException("field \"phase\" is neither start nor end: \"" + phase + "\"");
    }
}
