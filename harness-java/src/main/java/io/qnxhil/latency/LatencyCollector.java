package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.agent.AgentConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one {@code latency} command to an agent and gathers its records until {@code latency_end},
 * within the measurement's bound. A garbled record, the agent's end or the bound expiring make the
 * measurement BROKEN; the records gathered so far are kept.
 */
public final class LatencyCollector {
    private LatencyCollector() {
    }

    public record Collected(LatencyResult result, List<JsonNode> records, List<String> payloads,
                            boolean agentUnusable) {
    }

    public static Collected run(AgentConnection agent, LatencySpec spec) {
        List<JsonNode> records = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        Instant deadline = Instant.now().plus(spec.bound());
        agent.clearPending();
        agent.send(spec.command());
        while (true) {
            AgentConnection.Event ev = agent.poll(Duration.between(Instant.now(), deadline));
            if (ev == null) {
                return new Collected(LatencyResult.broken("no latency_end from the agent within "
                        + spec.bound().toSeconds() + " s"), records, payloads, true);
            }
            if (ev instanceof AgentConnection.Ended e) {
                return new Collected(LatencyResult.broken("the agent ended during the measurement: " + e.why()
                        + " (" + agent.state() + ")"), records, payloads, true);
            }
            if (ev instanceof AgentConnection.Garbled g) {
                return new Collected(LatencyResult.broken(g.error().getMessage()), records, payloads, true);
            }
            var r = ((AgentConnection.Received) ev).record();
            if (!r.type().startsWith("latency_") || !spec.id().equals(r.text("id"))) {
                continue;   // an error record is followed by latency_end, which says it all
            }
            records.add(r.json());
            payloads.add(r.payload());
            if (r.type().equals("latency_end")) {
                return new Collected(LatencyResult.fromRecords(records), records, payloads, false);
            }
        }
    }
}
