package io.qnxhil.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.board.BoardInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns agent records into the harness's types; a record missing a required member is a ProtocolException. */
public final class RecordDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordDecoder() {
    }

    public static BoardInfo info(AgentRecord r) {
        expectType(r, "info");
        return new BoardInfo(required(r, "os").asText(), required(r, "release").asText(),
                required(r, "profile").asText(), required(r, "arch").asText(), r.text("hostname"),
                r.text("agent_version"), r.text("build_hash"), r.number("clock_hz", 0),
                r.json().path("procnto_unregistered").asBoolean(false));
    }

    public static Observation observation(AgentRecord r) {
        expectType(r, "step");
        JsonNode ret = required(r, "ret");
        if (!ret.canConvertToLong()) {
            throw new ProtocolException(r.offset(), "step record: 'ret' is not an integer: " + ret);
        }
        Map<String, Long> bind = new LinkedHashMap<>();
        r.json().path("bind").properties().forEach(e -> bind.put(e.getKey(), e.getValue().asLong()));
        Map<String, Object> delivered = map(r.json().get("delivered"));
        Map<String, Object> detail = map(r.json().get("detail"));
        return new Observation(ret.asLong(), required(r, "errno").asText(), bind, delivered,
                detail == null ? Map.of() : detail, r.number("elapsed_ns", 0), r.payload());
    }

    /** The step index of a {@code step} or {@code error} record (-1 for a scenario-wide error). */
    public static int index(AgentRecord r) {
        JsonNode n = r.json().get("index");
        if (n == null || !n.canConvertToInt()) {
            throw new ProtocolException(r.offset(), r.type() + " record without an integer 'index'");
        }
        return n.asInt();
    }

    private static Map<String, Object> map(JsonNode n) {
        if (n == null || n.isNull() || !n.isObject()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(n, LinkedHashMap.class);
        return m;
    }

    private static JsonNode required(AgentRecord r, String member) {
        JsonNode n = r.json().get(member);
        if (n == null || n.isNull()) {
            throw new ProtocolException(r.offset(), r.type() + " record without '" + member + "': " + r.payload());
        }
        return n;
    }

    private static void expectType(AgentRecord r, String type) {
        if (!type.equals(r.type())) {
            throw new ProtocolException(r.offset(), "expected a '" + type + "' record, got '" + r.type() + "'");
        }
    }
}
