package io.qnxhil.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.agent.Observation;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.Scenario;

/** Turns results into journal records. The report side reads these records back as JSON. */
public final class ResultCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultCodec() {
    }

    public static ObjectNode scenario(ScenarioResult r) {
        ObjectNode n = Journal.record("scenario");
        Scenario s = r.scenario();
        n.put("board", r.board());
        n.put("scenario", s.id());
        n.put("title", s.title());
        n.put("source", s.location().toString());
        if (s.doc() != null) {
            n.putObject("doc").put("page", s.doc().page()).put("sentence", s.doc().sentence());
        }
        n.put("verdict", r.verdict().name());
        n.put("reason", r.reason());
        n.put("started", r.started().toString());
        n.put("durationMs", r.duration().toMillis());
        n.set("actors", JSON.valueToTree(r.actorPids()));
        ArrayNode steps = n.putArray("steps");
        for (StepResult sr : r.steps()) {
            steps.add(step(sr));
        }
        ArrayNode records = n.putArray("agentRecords");
        r.agentRecords().forEach(records::add);
        n.put("agentStderr", r.agentStderr());
        return n;
    }

    private static ObjectNode step(StepResult sr) {
        ObjectNode n = JSON.createObjectNode();
        n.put("index", sr.step().index());
        n.put("actor", sr.step().actor());
        n.put("op", sr.step().op());
        n.put("describe", sr.step().describe());
        n.put("source", sr.step().location().toString());
        n.put("status", sr.status().name());
        n.put("message", sr.message());
        Expectation e = sr.expected();
        if (e != null) {
            ObjectNode en = n.putObject("expected");
            en.put("text", e.describe());
            en.put("ret", e.ret());
            en.put("errno", e.errno());
            if (e.delivered() != null) {
                en.set("delivered", JSON.valueToTree(e.delivered()));
            }
            en.put("documented", e.documented());
            en.put("rule", e.rule());
            if (e.citation() != null) {
                en.put("citation", e.citation().toString());
            }
        }
        Observation o = sr.observed();
        if (o != null) {
            ObjectNode on = n.putObject("observed");
            on.put("text", o.describe());
            on.put("ret", o.ret());
            on.put("errno", o.errno());
            on.set("bind", JSON.valueToTree(o.bind()));
            if (o.delivered() != null) {
                on.set("delivered", JSON.valueToTree(o.delivered()));
            }
            on.put("elapsedNs", o.elapsedNs());
        }
        return n;
    }

    public static ObjectNode board(BoardConfig config, BoardInfo info) {
        ObjectNode n = Journal.record("board");
        n.put("board", config.name());
        n.put("config", config.file().toString());
        n.put("release", config.release());
        n.set("info", JSON.valueToTree(info));
        return n;
    }

    public static ObjectNode boardBroken(BoardConfig config, String reason) {
        ObjectNode n = Journal.record("board-broken");
        n.put("board", config.name());
        n.put("config", config.file().toString());
        n.put("reason", reason);
        return n;
    }
}
