package io.qnxhil.run;

import io.qnxhil.agent.AgentConnection;
import io.qnxhil.agent.AgentRecord;
import io.qnxhil.agent.Observation;
import io.qnxhil.agent.ProtocolException;
import io.qnxhil.agent.RecordDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent reported for one scenario run: every record, the observation or error per step,
 * and whether the run ended cleanly. {@link #collect} reads records until {@code end}, the
 * deadline, or the end of the agent's output; trouble is recorded in {@link #infrastructure()}.
 */
final class ScenarioTrace {
    final List<String> records = new ArrayList<>();
    final Map<Integer, Observation> observations = new HashMap<>();
    final Map<Integer, String> errors = new HashMap<>();
    final Map<String, Long> actorPids = new LinkedHashMap<>();
    String scenarioError;
    String endStatus;
    long leftover;
    private String infrastructure;
    private boolean agentUnusable;

    /** Reads the records of one run from {@code conn} until {@code end} or {@code deadline}. */
    static ScenarioTrace collect(AgentConnection conn, Instant deadline, Duration limit) {
        ScenarioTrace t = new ScenarioTrace();
        while (t.endStatus == null && t.infrastructure == null) {
            Duration left = Duration.between(Instant.now(), deadline);
            AgentConnection.Event ev = left.isNegative() ? null : conn.poll(left);
            if (ev == null) {
                t.unusable("no 'end' record within the scenario timeout of " + limit.toMillis() + " ms");
            } else if (ev instanceof AgentConnection.Ended end) {
                t.unusable("the agent stopped (" + end.why() + ", " + conn.state() + ")");
            } else if (ev instanceof AgentConnection.Garbled g) {
                t.records.add("garbled: " + g.error().getMessage());
                t.unusable("garbled record: " + g.error().getMessage());
            } else {
                t.accept(((AgentConnection.Received) ev).record());
            }
        }
        return t;
    }

    /** A run that could not even be started. */
    static ScenarioTrace failed(String why) {
        ScenarioTrace t = new ScenarioTrace();
        t.unusable(why);
        return t;
    }

    private void accept(AgentRecord r) {
        records.add(r.payload());
        try {
            switch (r.type()) {
                case "begin" -> r.json().path("actors").properties()
                        .forEach(e -> actorPids.put(e.getKey(), e.getValue().asLong()));
                case "step" -> observations.put(RecordDecoder.index(r), RecordDecoder.observation(r));
                case "error" -> error(r);
                case "end" -> {
                    endStatus = r.text("status") == null ? "?" : r.text("status");
                    leftover = r.number("leftover", 0);
                }
                default -> { }
            }
        } catch (ProtocolException e) {
            unusable(e.getMessage());
        }
    }

    private void error(AgentRecord r) {
        int index = RecordDecoder.index(r);
        String message = r.text("message") == null ? r.payload() : r.text("message");
        if (index < 0) {
            scenarioError = scenarioError == null ? message : scenarioError;
        } else {
            errors.putIfAbsent(index, message);
        }
    }

    private void unusable(String why) {
        infrastructure = why;
        agentUnusable = true;
    }

    /** Why the run could not be completed (timeout, agent gone, garbled output), or null. */
    String infrastructure() {
        return infrastructure;
    }

    /** True when the agent must be replaced before the next scenario. */
    boolean agentUnusable() {
        return agentUnusable;
    }
}
