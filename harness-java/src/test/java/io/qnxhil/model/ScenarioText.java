package io.qnxhil.model;

import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scenarios for model tests, written as the steps of a plan. */
final class ScenarioText {
    /** The MsgRegisterEvent page's set-up: a server channel, a client connection with REG_EVENTS, one message. */
    static final String HANDSHAKE = """
            - server channel_create: {as: chid}
            - client connect_attach: {to: server, chid: $chid, flags: [_NTO_COF_REG_EVENTS], as: coid}
            """;

    private ScenarioText() {
    }

    static Scenario parse(String steps) {
        return parse("[server, client]", steps);
    }

    static Scenario parse(String actors, String steps) {
        StringBuilder text = new StringBuilder("""
                plan: t
                scenarios:
                  - id: t
                    title: t
                    doc: {page: MsgRegisterEvent.txt, sentence: "x"}
                """);
        text.append("    actors: ").append(actors).append("\n    steps:\n");
        steps.lines().forEach(l -> text.append("      ").append(l).append('\n'));
        try {
            Path f = Files.createTempFile("model-", ".yaml");
            try {
                Files.writeString(f, text);
                return PlanLoader.load(f).scenarios().get(0);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
