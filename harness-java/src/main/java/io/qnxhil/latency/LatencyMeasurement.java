package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.run.Journal;
import io.qnxhil.run.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One latency measurement on one board with its verdict: SKIPPED when the board cannot do the
 * configuration, BROKEN when it could not be carried out, FAIL when it regressed against the
 * board's baseline, PASS otherwise (measured within the baseline, or measured with none to compare).
 * Journaled as a scenario record (so every report counts it) carrying a {@code latency} member.
 */
public record LatencyMeasurement(LatencySpec spec, String board, String boardOs, LatencyResult result,
                                 List<String> payloads, Verdict verdict, String reason, String judgement,
                                 Instant started, Duration duration) {
    public static final String SCENARIO_PREFIX = "latency:";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static LatencyMeasurement judge(LatencySpec spec, String board, String boardOs, LatencyCollector.Collected c,
                                           Baseline baseline, Instant started) {
        LatencyResult r = c.result();
        Duration d = Duration.between(started, Instant.now());
        String sim = boardOs.startsWith("qnxsim") ? " (qnxsim numbers: the simulated board, not QNX)" : "";
        return switch (r.status()) {
            case UNSUPPORTED -> new LatencyMeasurement(spec, board, boardOs, r, c.payloads(), Verdict.SKIPPED,
                    "not supported by this board: " + r.message(), "NOT_MEASURED", started, d);
            case BROKEN -> new LatencyMeasurement(spec, board, boardOs, r, c.payloads(), Verdict.BROKEN,
                    r.message(), "NOT_MEASURED", started, d);
            case OK -> {
                LatencyResult.Percentiles p = r.percentiles();
                String measured = String.format(Locale.ROOT, "p50 %s, p99 %s, max %s over %d samples%s",
                        Baseline.us(p.p50()), Baseline.us(p.p99()), Baseline.us(p.max()), p.count(), sim);
                if (baseline == null) {
                    yield new LatencyMeasurement(spec, board, boardOs, r, c.payloads(), Verdict.PASS,
                            measured + "; no baseline file for board " + board, Baseline.Judgement.NO_BASELINE.name(), started, d);
                }
                Baseline.Verdict v = baseline.judge(spec.id(), p);
                Verdict verdict = v.judgement() == Baseline.Judgement.REGRESSION ? Verdict.FAIL : Verdict.PASS;
                yield new LatencyMeasurement(spec, board, boardOs, r, c.payloads(), verdict,
                        measured + "; " + v.text(), v.judgement().name(), started, d);
            }
        };
    }

    /** The journal record: a scenario record (verdict, reason, agent records) plus the measurement. */
    public ObjectNode toJournal() {
        ObjectNode n = Journal.record("scenario");
        n.put("board", board);
        n.put("scenario", SCENARIO_PREFIX + spec.id());
        n.put("title", "Latency: " + spec.describe());
        n.put("source", spec.location().toString());
        n.put("verdict", verdict.name());
        n.put("reason", reason);
        n.put("started", started.toString());
        n.put("durationMs", duration.toMillis());
        n.putObject("actors");
        n.putArray("steps");
        var recs = n.putArray("agentRecords");
        payloads.forEach(recs::add);
        n.put("agentStderr", "");
        ObjectNode l = n.putObject("latency");
        l.put("id", spec.id());
        l.put("command", spec.command());
        l.put("describe", spec.describe());
        l.put("kind", LatencySpec.lower(spec.kind()));
        l.put("registered", spec.registered());
        l.put("load", LatencySpec.lower(spec.load()));
        l.put("twin", spec.idleTwinKey());
        l.put("pinning", spec.pinning());
        l.put("boardOs", boardOs);
        l.put("judgement", judgement);
        if (result.status() == LatencyResult.Status.OK) {
            LatencyResult.Percentiles p = result.percentiles();
            l.set("percentiles", JSON.valueToTree(p));
            l.put("clockOverheadNs", result.clockOverheadNs());
            l.put("clockSource", result.clockSource());
        }
        return n;
    }

    /** The measurement's agent records, parsed back from a journal scenario record. */
    public static List<JsonNode> records(JsonNode scenarioRecord) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : scenarioRecord.path("agentRecords")) {
            try {
                out.add(JSON.readTree(p.asText()));
            } catch (Exception e) {
                // a record the journal kept verbatim but that does not parse: the result says what is missing
            }
        }
        return out;
    }

    public static boolean isLatency(JsonNode scenarioRecord) {
        return scenarioRecord.has("latency");
    }
}
