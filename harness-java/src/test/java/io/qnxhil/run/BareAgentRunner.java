package io.qnxhil.run;

import io.qnxhil.agent.AgentConnection;
import io.qnxhil.agent.AgentProgram;
import io.qnxhil.plan.Scenario;
import io.qnxhil.transport.LocalTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The agent alone, without the harness around it: sends a scenario's compiled program and waits
 * for the agent's records, nothing else (no model, no comparison, no journal). The baseline the
 * benchmark subtracts to get the harness's own cost per scenario.
 */
public final class BareAgentRunner implements AutoCloseable {
    private final AgentConnection agent;

    public BareAgentRunner(Path agentBinary) {
        var process = new LocalTransport(agentBinary).start(Map.of("QHIL_STEP_TIMEOUT_MS", "5000", "QNXSIM_PROCNTO_U", "0"));
        agent = new AgentConnection(process, "bare");
        agent.send("info");
        AgentConnection.Event e = agent.poll(Duration.ofSeconds(10));
        if (!(e instanceof AgentConnection.Received)) {
            throw new IllegalStateException("the agent did not answer info: " + e);
        }
    }

    /** Runs the scenario on the agent; returns the number of records it sent. */
    public int run(Scenario scenario) {
        agent.clearPending();
        AgentProgram.compile(scenario).forEach(agent::send);
        Duration limit = Duration.ofSeconds(30);
        ScenarioTrace t = ScenarioTrace.collect(agent, Instant.now().plus(limit), limit);
        if (t.agentUnusable()) {
            throw new IllegalStateException(scenario.id() + ": " + t.infrastructure());
        }
        return t.records.size();
    }

    @Override
    public void close() {
        agent.send("quit");
        agent.close();
    }
}
