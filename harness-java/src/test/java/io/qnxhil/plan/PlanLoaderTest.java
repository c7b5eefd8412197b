package io.qnxhil.plan;

import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanLoaderTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            plan: t
            title: test plan
            scenarios:
              - id: s.one
                title: first
                doc: {page: MsgRegisterEvent.txt, sentence: "A sentence."}
                actors: [server, client]
                steps:
            """;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private ConfigException failure(String text) throws IOException {
        Path f = write("plan.yaml", text);
        return assertThrows(ConfigException.class, () -> PlanLoader.load(f));
    }

    @Test
    void loadsTheSmokePlanWithStepsArgsAndExpectations() {
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml"));
        assertEquals("smoke", plan.name());
        assertEquals(4, plan.scenarios().size());
        Scenario first = plan.scenarios().get(0);
        assertEquals(List.of("server", "client"), first.actors());
        assertEquals("MsgRegisterEvent.txt", first.doc().page());
        Step attach = first.steps().get(1);
        assertEquals("connect_attach", attach.op());
        assertEquals(Map.of("to", "server", "chid", "$chid", "flags", List.of("_NTO_COF_REG_EVENTS"), "as", "coid"),
                attach.args());
        Step send = first.steps().get(4);
        assertTrue(send.async());
        assertFalse(send.args().containsKey("async"));
        Step deliver = first.steps().get(7);
        assertEquals(new StepExpect("-1", "EACCES", null, false), deliver.expect());
        assertEquals(7, deliver.index());
        assertTrue(deliver.location().line() > first.location().line());
    }

    @Test
    void integersSymbolsAndBooleansKeepTheirTypes() throws IOException {
        Path f = write("p.yaml", HEAD + """
                      - client event: {type: SIGEV_SIGNAL_CODE, signo: SIGUSR1, value: 0x20, code: -70, updateable: true, as: ev}
                      - client event: {type: SIGEV_SIGNAL, signo: SIGRTMAX-1, as: rt}
                """);
        Step step = PlanLoader.load(f).scenarios().get(0).steps().get(0);
        assertEquals(32L, step.args().get("value"));
        assertEquals(-70L, step.args().get("code"));
        assertEquals(Boolean.TRUE, step.args().get("updateable"));
        assertEquals("SIGUSR1", step.args().get("signo"));
        assertEquals("SIGRTMAX-1", PlanLoader.load(f).scenarios().get(0).steps().get(1).args().get("signo"));
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        ConfigException e = failure(HEAD + "      - server channel_create: {as: chid\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("plan.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("YAML syntax error"), e.getMessage());
        assertTrue(e.location().line() >= 10, e.getMessage());
    }

    @Test
    void unknownOpNamesLineColumnFieldAndKnownOps() throws IOException {
        ConfigException e = failure(HEAD + """
                      - server channel_create: {as: chid}
                      - client register_evnt: {event: x}
                """);
        assertEquals(10, e.location().line());
        assertEquals(9, e.location().column());
        assertEquals("scenarios[0].steps[1]", e.field());
        assertTrue(e.getMessage().contains("plan.yaml:10:9: field 'scenarios[0].steps[1]': unknown op 'register_evnt' "
                + "(known: channel_create, "), e.getMessage());
    }

    @Test
    void unknownArgumentIsAnErrorListingTheAllowedOnes() throws IOException {
        ConfigException e = failure(HEAD + "      - server channel_create: {as: chid, flgs: 0}\n");
        assertNames(e, dir.resolve("plan.yaml"), 9, "scenarios[0].steps[0].flgs");
        assertTrue(e.getMessage().contains("unknown key 'flgs' (known: as, async, expect, flags)"), e.getMessage());
    }

    @Test
    void unknownScenarioFieldIsAnError() throws IOException {
        ConfigException e = failure(HEAD.replace("    title: first", "    titel: first"));
        assertNames(e, dir.resolve("plan.yaml"), 5, "scenarios[0].titel");
    }

    @Test
    void referenceMustBeBoundEarlier() throws IOException {
        ConfigException e = failure(HEAD + """
                      - client connect_attach: {to: server, chid: $chid}
                      - server channel_create: {as: chid}
                """);
        assertNames(e, dir.resolve("plan.yaml"), 9, "scenarios[0].steps[0].chid");
        assertTrue(e.getMessage().contains("reference '$chid' is not bound by an earlier 'as'"), e.getMessage());
    }

    @Test
    void eventMustBeDefinedInThatActor() throws IOException {
        ConfigException e = failure(HEAD + """
                      - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, as: ev}
                      - server register_event: {event: ev, coid: -1}
                """);
        assertNames(e, dir.resolve("plan.yaml"), 10, "scenarios[0].steps[1].event");
        assertTrue(e.getMessage().contains("'ev' is not a defined event of server"), e.getMessage());
    }

    @Test
    void receiveMakesSentEventsKnownToTheServer() throws IOException {
        Path f = write("p.yaml", HEAD + """
                      - server channel_create: {as: chid}
                      - client connect_attach: {to: server, chid: $chid, as: coid}
                      - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, as: ev}
                      - client send_events: {coid: $coid, events: [ev], async: true}
                      - server receive: {chid: $chid, as: rcvid}
                      - server deliver_event: {rcvid: $rcvid, event: ev}
                """);
        assertEquals(6, PlanLoader.load(f).scenarios().get(0).steps().size());
    }

    @Test
    void sendEventsMustBeAsync() throws IOException {
        ConfigException e = failure(HEAD + """
                      - server channel_create: {as: chid}
                      - client connect_attach: {to: server, chid: $chid, as: coid}
                      - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, as: ev}
                      - client send_events: {coid: $coid, events: [ev]}
                """);
        assertEquals("scenarios[0].steps[3]", e.field());
        assertTrue(e.getMessage().contains("async: true"), e.getMessage());
    }

    @Test
    void unknownSymbolAndUndeclaredActorAreErrors() throws IOException {
        ConfigException sym = failure(HEAD + "      - client event: {type: SIGEV_SIGNAL, signo: SIGUSR3, as: ev}\n");
        assertEquals("scenarios[0].steps[0].signo", sym.field());
        assertTrue(sym.getMessage().contains("unknown symbol 'SIGUSR3' (known: SIGHUP"), sym.getMessage());
        ConfigException sem = failure(HEAD + "      - client event: {type: SIGEV_SEM, as: ev}\n");
        assertTrue(sem.getMessage().contains("symbol 'SIGEV_SEM' is not accepted here (known: SIGEV_NONE, "),
                sem.getMessage());
        ConfigException kind = failure(HEAD + "      - client wait_event: {kind: semaphore}\n");
        assertTrue(kind.getMessage().contains("'semaphore' is not one of any, memory, pulse, signal, thread"),
                kind.getMessage());
        ConfigException rt = failure(HEAD + "      - client event: {type: SIGEV_SIGNAL, signo: SIGRTMIN+16, as: ev}\n");
        assertTrue(rt.getMessage().contains("unknown symbol 'SIGRTMIN+16'"), rt.getMessage());
        ConfigException actor = failure(HEAD + "      - observer channel_create: {}\n");
        assertTrue(actor.getMessage().contains("unknown actor 'observer' (declared: server, client)"));
    }

    @Test
    void duplicateScenarioIdNamesBothPlaces() throws IOException {
        String scenario = """
                  - id: s.one
                    title: again
                    doc: {page: MsgRegisterEvent.txt, sentence: "A sentence."}
                    actors: [server]
                    steps:
                      - server channel_create: {}
                """;
        ConfigException e = failure(HEAD + "      - server channel_create: {}\n" + scenario);
        assertNames(e, dir.resolve("plan.yaml"), 10, "scenarios[1].id");
        assertEquals(9, e.location().column(), "points at the id itself");
        assertTrue(e.getMessage().contains("duplicate scenario id 's.one' (first at " + dir.resolve("plan.yaml") + ":4:5)"),
                e.getMessage());
    }

    @Test
    void duplicateActorAndMissingDocAreErrors() throws IOException {
        ConfigException dup = failure(HEAD.replace("[server, client]", "[server, server]")
                + "      - server channel_create: {}\n");
        assertEquals("scenarios[0].actors[1]", dup.field());
        ConfigException doc = failure(HEAD.replace("    doc: {page: MsgRegisterEvent.txt, sentence: \"A sentence.\"}\n", "")
                + "      - server channel_create: {}\n");
        assertTrue(doc.getMessage().contains("missing required key 'doc'"), doc.getMessage());
    }

    @Test
    void includePullsInScenariosAndDetectsCycles() throws IOException {
        write("other.yaml", HEAD + "      - server channel_create: {}\n");
        Path main = write("main.yaml", "plan: main\ninclude: [other.yaml]\n");
        Plan plan = PlanLoader.load(main);
        assertEquals(List.of("s.one"), plan.scenarios().stream().map(Scenario::id).toList());
        assertEquals(dir.resolve("other.yaml"), plan.scenarios().get(0).location().file());

        write("a.yaml", "plan: a\ninclude: [b.yaml]\n");
        write("b.yaml", "plan: b\ninclude: [a.yaml]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> PlanLoader.load(dir.resolve("a.yaml")));
        assertTrue(e.getMessage().contains("include cycle"), e.getMessage());

        ConfigException missing = assertThrows(ConfigException.class,
                () -> PlanLoader.load(write("c.yaml", "plan: c\ninclude: [nope.yaml]\n")));
        assertEquals("include[0]", missing.field());
        assertEquals(2, missing.location().line());
    }

    @Test
    void expectIsValidated() throws IOException {
        ConfigException e = failure(HEAD + "      - server channel_create: {as: chid, expect: {ret: id, errno: EACESS}}\n");
        assertEquals("scenarios[0].steps[0].expect.errno", e.field());
        Path ok = write("ok.yaml", HEAD + "      - server channel_create: {as: chid, expect: {ret: id}}\n");
        StepExpect x = PlanLoader.load(ok).scenarios().get(0).steps().get(0).expect();
        assertEquals("id", x.ret());
        assertNull(x.errno());
    }

    @Test
    void aNameIsBoundOnceAndEventListsAreNotEmpty() throws IOException {
        ConfigException twice = failure(HEAD + """
                      - server channel_create: {as: chid}
                      - server channel_create: {as: chid}
                """);
        assertNames(twice, dir.resolve("plan.yaml"), 10, "scenarios[0].steps[1].as");
        assertTrue(twice.getMessage().contains("'chid' is already bound at " + dir.resolve("plan.yaml") + ":9:9"),
                twice.getMessage());
        ConfigException empty = failure(HEAD + """
                      - server channel_create: {as: chid}
                      - client connect_attach: {to: server, chid: $chid, as: coid}
                      - client send_events: {coid: $coid, events: [], async: true}
                """);
        assertEquals("scenarios[0].steps[2].events", empty.field());
    }
}
