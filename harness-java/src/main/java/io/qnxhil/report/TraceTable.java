package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The step-by-step trace comparison of one scenario as plain text: what the model expected, what
 * the board did, and the status of each step. Mismatches are marked so they stand out.
 */
public final class TraceTable {
    private TraceTable() {
    }

    public static String render(JsonNode scenario) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(scenario.path("scenario").asText())
                .append(" on ").append(scenario.path("board").asText())
                .append(": ").append(scenario.path("verdict").asText()).append('\n');
        JsonNode doc = scenario.path("doc");
        if (!doc.isMissingNode()) {
            sb.append("checks ").append(doc.path("page").asText()).append(": \"")
                    .append(doc.path("sentence").asText()).append("\"\n");
        }
        sb.append(String.format("%-3s %-5s %-40s %-28s %-28s %s%n", "#", "", "step", "expected", "observed", "status"));
        for (JsonNode st : scenario.path("steps")) {
            String status = st.path("status").asText();
            sb.append(String.format("%-3d %-5s %-40s %-28s %-28s %s%n",
                    st.path("index").asInt(), "MISMATCH".equals(status) ? "  >>" : "",
                    clip(st.path("actor").asText() + " " + st.path("op").asText(), 40),
                    clip(st.path("expected").path("text").asText("-"), 28),
                    clip(st.path("observed").path("text").asText("-"), 28), status));
            if (!"MATCH".equals(status) && !st.path("message").asText("").isEmpty()) {
                sb.append("        ").append(st.path("message").asText()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
