package io.qnxhil.run;

import io.qnxhil.agent.AgentConnection;
import io.qnxhil.agent.AgentProgram;
import io.qnxhil.agent.ProtocolException;
import io.qnxhil.agent.RecordDecoder;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.model.Expectation;
import io.qnxhil.model.ReferenceModel;
import io.qnxhil.plan.Scenario;
import io.qnxhil.transport.Transport;
import io.qnxhil.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session with one board's agent, reached through a {@link Transport}. Runs each scenario on the
 * board, predicts it with the reference model for the board's release, and compares. An agent that
 * died, timed out or garbled its output is replaced by a fresh one before the next scenario.
 */
final class AgentBoardSession implements BoardSession {
    private static final Duration MIN_INFO_WAIT = Duration.ofSeconds(10);
    /**
     * The agent leaves (killing its actors) when no line reaches it for this long; heartbeats go
     * out at a third of it. Generous for slow serial links; latency runs are not affected (the
     * agent reads heartbeats only between measurements and restarts the deadline after one).
     */
    static final Duration HEARTBEAT_DEADLINE = Duration.ofSeconds(30);

    private final BoardConfig config;
    private final Transport transport;
    private final ReferenceModel model;
    private final StringBuilder retiredLogs = new StringBuilder();
    private AgentConnection agent;
    private BoardInfo info;
    private int generation;

    private AgentBoardSession(BoardConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
        this.model = ReferenceModel.of(config.release(), config.unregisteredEvents());
    }

    static AgentBoardSession open(BoardConfig config, Transport transport) {
        AgentBoardSession s = new AgentBoardSession(config, transport);
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Starts an agent and checks its identity against the config. */
    private void start() {
        generation++;
        try {
            agent = new AgentConnection(transport.start(environment()), config.name() + "-" + generation);
        } catch (TransportException e) {
            throw new BoardUnavailableException(config.name() + ": " + e.getMessage(), e);
        }
        BoardInfo reported = requestInfo();
        BoardIdentity.check(config, reported);
        info = reported;
        agent.startHeartbeat(HEARTBEAT_DEADLINE);
    }

    /** The agent's environment: step timeout and, on the simulated board, procnto's -U mode; then the board's env. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QHIL_STEP_TIMEOUT_MS", Long.toString(config.stepTimeout().toMillis()));
        if (config.simulated()) {
            env.put("QNXSIM_PROCNTO_U", config.unregisteredEvents() ? "1" : "0");
        }
        env.putAll(config.env());
        return env;
    }

    private BoardInfo requestInfo() {
        Duration wait = config.stepTimeout().compareTo(MIN_INFO_WAIT) > 0 ? config.stepTimeout() : MIN_INFO_WAIT;
        Instant deadline = Instant.now().plus(wait);
        try {
            agent.send("info");
            while (true) {
                AgentConnection.Event ev = agent.poll(Duration.between(Instant.now(), deadline));
                if (ev instanceof AgentConnection.Received r && r.record().type().equals("info")) {
                    return RecordDecoder.info(r.record());
                }
                if (ev == null || ev instanceof AgentConnection.Ended) {
                    throw new BoardUnavailableException(config.name() + ": the agent (" + transport.describe()
                            + ") did not answer 'info' within " + wait.toMillis() + " ms; it is " + agent.state()
                            + "; stderr: " + tail(agent.stderr().all()));
                }
                if (ev instanceof AgentConnection.Garbled g) {
                    throw new BoardUnavailableException(config.name() + ": " + g.error().getMessage());
                }
            }
        } catch (TransportException | ProtocolException e) {
            throw new BoardUnavailableException(config.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BoardConfig config() {
        return config;
    }

    @Override
    public BoardInfo info() {
        return info;
    }

    @Override
    public ScenarioResult execute(Scenario scenario) {
        Instant started = Instant.now();
        String skip = Applicability.skipReason(scenario, config.release());
        if (skip != null) {
            return Results.skipped(scenario, config.name(), skip, started);
        }
        List<Expectation> expected;
        List<String> program;
        try {
            expected = model.predict(scenario);
            program = AgentProgram.compile(scenario);
        } catch (RuntimeException e) { // a bound of the protocol, or a defect of the model: never the board's fault
            return Results.broken(scenario, config.name(), "cannot prepare the scenario: " + e, started);
        }
        if (agent == null || !agent.isAlive()) {
            retire("the agent was not running before " + scenario.id());
            start();
        }
        AgentConnection running = agent;
        long mark = running.stderr().mark();
        ScenarioTrace trace;
        try {
            running.clearPending();
            program.forEach(running::send);
            trace = ScenarioTrace.collect(running, started.plus(config.scenarioTimeout()), config.scenarioTimeout());
        } catch (TransportException e) {
            trace = ScenarioTrace.failed("cannot send the program to the agent: " + e.getMessage());
        }
        if (trace.agentUnusable()) {
            retire(scenario.id() + ": " + trace.infrastructure()); // waits for the last of its stderr
        }
        String stderr = running.stderr().since(mark);
        ResultAssembler.Outcome o = ResultAssembler.assemble(scenario, expected, trace);
        return new ScenarioResult(scenario, config.name(), o.verdict(), o.reason(), o.steps(), trace.actorPids,
                trace.records, stderr, started, Duration.between(started, Instant.now()));
    }

    @Override
    public io.qnxhil.latency.LatencyCollector.Collected measureLatency(io.qnxhil.latency.LatencySpec spec) {
        if (agent == null || !agent.isAlive()) {
            retire("the agent was not running before latency measurement " + spec.id());
            start();
        }
        io.qnxhil.latency.LatencyCollector.Collected c;
        try {
            c = io.qnxhil.latency.LatencyCollector.run(agent, spec);
        } catch (TransportException e) {
            c = new io.qnxhil.latency.LatencyCollector.Collected(io.qnxhil.latency.LatencyResult.broken(
                    "cannot send the latency command to the agent: " + e.getMessage()), List.of(), List.of(), true);
        }
        if (c.agentUnusable()) {
            retire("latency " + spec.id() + ": " + c.result().message());
        }
        return c;
    }

    /** Stops the current agent and keeps what it wrote to stderr in the session log. */
    private void retire(String why) {
        if (agent == null) {
            return;
        }
        agent.kill();
        agent.close();
        retiredLogs.append("--- agent ").append(generation).append(" retired (").append(why).append(", ")
                .append(agent.state()).append(") ---\n").append(agent.stderr().all()).append('\n');
        agent = null;
    }

    @Override
    public String agentLog() {
        return retiredLogs + (agent == null ? "" : agent.stderr().all());
    }

    @Override
    public void close() {
        if (agent != null) {
            try {
                agent.send("quit");
            } catch (TransportException e) {
                // already gone: close() below cleans up
            }
            agent.close();
        }
        transport.close();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.isEmpty() ? "(empty)" : t.length() > 400 ? "..." + t.substring(t.length() - 400) : t;
    }

}
