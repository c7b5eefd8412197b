package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.plan.Scenario;

/**
 * An open connection to one board's agent: runs scenarios there and compares them with the model.
 * Holds a board resource, so always used with try-with-resources.
 */
public interface BoardSession extends AutoCloseable {

    BoardConfig config();

    /** The identity the agent reported when the session opened. */
    BoardInfo info();

    /**
     * Runs the scenario on the board, predicts it with the reference model for the board's release,
     * and compares the two. Never throws for product behaviour: infrastructure trouble during the
     * scenario becomes a BROKEN result; only a session that can no longer be used throws
     * {@link BoardUnavailableException}.
     */
    ScenarioResult execute(Scenario scenario);

    /**
     * Runs one latency measurement on the board (target-agent/PROTOCOL.md, "Latency runs"). Never
     * throws for what the board does: a measurement that could not be carried out is BROKEN.
     */
    default io.qnxhil.latency.LatencyCollector.Collected measureLatency(io.qnxhil.latency.LatencySpec spec) {
        return new io.qnxhil.latency.LatencyCollector.Collected(io.qnxhil.latency.LatencyResult.broken(
                "this board session cannot run latency measurements"), java.util.List.of(), java.util.List.of(), false);
    }

    /** Everything the agent wrote to stderr since the session opened (for console-log attachments). */
    String agentLog();

    @Override
    void close();
}
