package io.qnxhil.latency;

/** Something that can run one latency measurement on a board (a board session). */
public interface LatencyRunner {
    LatencyCollector.Collected measure(LatencySpec spec);
}
