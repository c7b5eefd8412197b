package io.qnxhil.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record from the agent: its {@code type}, the parsed JSON payload, the payload text as
 * received (kept for reports), and where it started in the output stream.
 */
public record AgentRecord(String type, JsonNode json, String payload, long offset) {

    public String text(String member) {
        JsonNode n = json.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    public long number(String member, long fallback) {
        JsonNode n = json.get(member);
        return n == null || !n.isNumber() ? fallback : n.asLong();
    }
}
