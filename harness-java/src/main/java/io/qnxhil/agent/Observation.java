package io.qnxhil.agent;

import java.util.Map;

/**
 * What the agent reported for one step (a {@code step} record, see target-agent/PROTOCOL.md).
 *
 * @param ret       the call's return value
 * @param errno     symbolic errno, "EOK" on success
 * @param bind      names bound by {@code as}, to their kernel-chosen values
 * @param delivered what a wait step received, or null when nothing arrived
 * @param detail    op-specific observations, or empty
 * @param elapsedNs time the call took on the board
 * @param rawRecord the record's JSON payload as received, kept for reports
 */
public record Observation(long ret, String errno, Map<String, Long> bind, Map<String, Object> delivered,
                          Map<String, Object> detail, long elapsedNs, String rawRecord) {

    public String describe() {
        StringBuilder sb = new StringBuilder().append(ret).append(' ').append(errno);
        if (delivered != null) {
            sb.append(" delivered ").append(new java.util.TreeMap<>(delivered));
        }
        return sb.toString();
    }
}
