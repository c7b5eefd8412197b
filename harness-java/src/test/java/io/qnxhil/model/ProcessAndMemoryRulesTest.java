package io.qnxhil.model;

import io.qnxhil.plan.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.qnxhil.model.ScenarioText.HANDSHAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per documented rule about processes, memory and thread events, and shared memory handles. */
class ProcessAndMemoryRulesTest {
    private static final String HANDED_OVER = """
            - client send_events: {coid: $coid, events: [ev], async: true}
            - server receive: {chid: $chid, as: rcvid}
            - server reply: {rcvid: $rcvid}
            """;

    private static List<Expectation> predict(String release, String actors, String steps) {
        Scenario s = ScenarioText.parse(actors, steps);
        return ReferenceModel.of(release, false).predict(s);
    }

    private static Expectation last(List<Expectation> e) {
        return e.get(e.size() - 1);
    }

    private static void documented(Expectation e, String ret, String errno, io.qnxhil.plan.DocRef cite) {
        assertTrue(e.documented(), e.rule());
        assertEquals(ret, e.ret(), e.rule());
        assertEquals(errno, e.errno(), e.rule());
        assertEquals(cite, e.citation(), e.rule());
    }

    @ParameterizedTest(name = "{0}: {1} op {2} = {3}")
    @CsvSource({"SIGEV_MEM_ASSIGN,5,42,42", "SIGEV_MEM_ADD,40,2,42", "SIGEV_MEM_SUB,50,8,42",
            "SIGEV_MEM_BITSET,15,240,255", "SIGEV_MEM_BITCLR,255,240,15", "SIGEV_MEM_BITTOGGLE,15,255,240",
            "SIGEV_MEM_SUB,0,1,-1"})
    void memoryOperationsChangeTheClientsWord(String memop, int start, int value, int result) {
        List<Expectation> e = predict("8.0", "[server, client]", HANDSHAKE
                + "- client mem_write: {word: 3, value: " + start + "}\n"
                + "- client event: {type: SIGEV_MEMORY, memop: " + memop + ", value: " + value + ", word: 3, as: ev}\n"
                + "- client register_event: {event: ev, coid: $coid}\n" + HANDED_OVER
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n"
                + "- client wait_event: {kind: memory, word: 3, until: " + result + "}\n");
        Expectation wait = last(e);
        assertTrue(wait.documented(), wait.rule());
        assertEquals(Map.of("kind", "memory", "value", (long) result), wait.delivered());
        assertTrue(wait.citation().sentence().startsWith(memop + " — "), wait.citation().toString());
    }

    @Test
    void anInvalidMemopIsEinvalWhereTheEventIsChecked() {
        List<Expectation> e = predict("8.0", "[lib]", """
                - lib event: {type: SIGEV_MEMORY, memop: 7, value: 1, as: ev}
                - lib deliver_event: {rcvid: 0, event: ev}
                """);
        documented(last(e), "-1", null, Citations.ONLY_REGISTERED); // default procnto: refused as unregistered first
        Expectation minusU = last(ReferenceModel.of("8.0", true).predict(ScenarioText.parse("[lib]", """
                - lib event: {type: SIGEV_MEMORY, memop: 7, value: 1, as: ev}
                - lib deliver_event: {rcvid: 0, event: ev}
                """)));
        documented(minusU, "-1", "EINVAL", Citations.MEMOP_INVALID);
    }

    @Test
    void sigevThreadNeedsTheAbilityToRegister() {
        documented(last(predict("8.0", "[server, client]", HANDSHAKE + """
                - client procmgr_ability: {ability: PROCMGR_AID_SIGEV_THREAD, action: PROCMGR_AOP_DENY}
                - client event: {type: SIGEV_THREAD, value: 1, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """)), "-1", null, Citations.REGISTER_THREAD_ABILITY);
        Expectation unknown = last(predict("8.0", "[server, client]", HANDSHAKE + """
                - client event: {type: SIGEV_THREAD, value: 1, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """));
        assertFalse(unknown.documented(), "with the agent's uid the ability is not known: " + unknown.rule());
    }

    @Test
    void aThreadEventRunsWithTheValue() {
        List<Expectation> e = predict("8.0", "[server, client]", HANDSHAKE + """
                - client set_uid: {uid: 0}
                - client event: {type: SIGEV_THREAD, value: 61, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """ + HANDED_OVER + """
                - server deliver_event: {rcvid: $rcvid, event: ev}
                - client wait_event: {kind: thread}
                """);
        documented(e.get(e.size() - 2), Expectation.SUCCESS, "EOK", Citations.THREAD_CREATES);
        assertEquals(Map.of("kind", "thread", "value", 61L, "same_process", true), last(e).delivered());
    }

    @Test
    void insecureRefusesMemoryOn71() {
        List<Expectation> e = predict("7.1", "[server, client]", """
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_INSECURE], bits: [_NTO_COF_INSECURE]}
                - client event: {type: SIGEV_MEMORY, memop: SIGEV_MEM_ASSIGN, value: 9, word: 1, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """ + HANDED_OVER + "- server deliver_event: {rcvid: $rcvid, event: ev}\n");
        documented(last(e), "-1", "EACCES", Citations.INSECURE);
    }

    @Test
    void anotherProcessesFlagsNeedTheAbilities() {
        String base = """
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                """;
        documented(last(predict("7.1", "[server, client]", base + """
                - server procmgr_ability: {ability: PROCMGR_AID_XPROCESS_QUERY, action: PROCMGR_AOP_DENY}
                - server connect_flags: {pid: client, coid: $coid}
                """)), "-1", "EPERM", Citations.FLAGS_XPROCESS);
        documented(last(predict("7.1", "[server, client]", base + """
                - server set_uid: {uid: 0}
                - client set_uid: {uid: 4242}
                - server procmgr_ability: {ability: PROCMGR_AID_CONNECTION, action: PROCMGR_AOP_DENY}
                - server connect_flags: {pid: client, coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC]}
                """)), "-1", "EPERM", Citations.FLAGS_CONNECTION);
        assertFalse(last(predict("7.1", "[server, client]", base + """
                - server connect_flags: {pid: client, coid: $coid}
                """)).documented(), "the agent's uid may lack PROCMGR_AID_XPROCESS_QUERY");
    }

    @Test
    void aGoneClientIsEsrch() {
        List<Expectation> e = predict("8.0", "[server, client]", HANDSHAKE + """
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 1, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """ + HANDED_OVER + """
                - client await: {}
                - client exit: {}
                - server deliver_event: {rcvid: $rcvid, event: ev}
                """);
        documented(last(e), "-1", "ESRCH", Citations.NO_THREAD);
        documented(last(predict("7.1", "[server, client]", """
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                - client exit: {}
                - server connect_flags: {pid: client, coid: $coid}
                """)), "-1", "ESRCH", Citations.FLAGS_ESRCH);
    }

    @Test
    void pulsePriorityAboveTheNonPrivilegedRangeNeedsTheTargetsAbility() {
        String steps = HANDSHAKE + """
                - client channel_create: {as: pchid}
                - client connect_attach: {to: client, chid: $pchid, as: pcoid}
                %s
                - client event: {type: SIGEV_PULSE, coid: $pcoid, priority: 255, code: 1, value: 1, as: ev}
                - client register_event: {event: ev, coid: $coid}
                """ + HANDED_OVER + "- server deliver_event: {rcvid: $rcvid, event: ev}\n";
        documented(last(predict("8.0", "[server, client]", steps.formatted(
                "- client procmgr_ability: {ability: PROCMGR_AID_PRIORITY, action: PROCMGR_AOP_DENY}"))),
                "-1", "EPERM", Citations.PULSE_PRIORITY_EPERM);
        assertFalse(last(predict("8.0", "[server, client]", steps.formatted("- client await: {}"))).documented());
    }

    @Test
    void shmHandlesOpenOnlyAsTheirCreatorAndGrantAllow() {
        String made = """
                - server shm_create: {as: fd}
                - server shm_create_handle: {fd: $fd, to: client, flags: [O_RDONLY], as: h}
                """;
        documented(last(predict("8.0", "[server, client]", made + "- client shm_open_handle: {handle: $h, flags: [O_RDONLY]}")),
                Expectation.ID, "EOK", Citations.SHM_RETURNS_FD);
        documented(last(predict("8.0", "[server, client]", made + "- client shm_open_handle: {handle: $h, flags: [O_RDWR]}")),
                "-1", "EACCES", Citations.SHM_EACCES);
        documented(last(predict("8.0", "[server, client]", made + "- client shm_open_handle: {handle: $h, flags: [O_RDONLY, 8]}")),
                "-1", "EINVAL", Citations.SHM_EINVAL);
        documented(last(predict("8.0", "[server, client, other]", made
                        + "- client shm_open_handle_pid: {handle: $h, flags: [O_RDONLY], pid: other}")),
                "-1", "ESRCH", Citations.SHM_PID_MISMATCH);
        documented(last(predict("8.0", "[server, client, other]", made + "- other shm_open_handle: {handle: $h, flags: [O_RDONLY]}")),
                "-1", null, Citations.SHM_RECIPIENT);
        assertFalse(last(predict("8.0", "[server, client]", made + """
                - client shm_open_handle: {handle: $h, flags: [O_RDONLY]}
                - client shm_open_handle: {handle: $h, flags: [O_RDONLY]}
                """)).documented(), "single use is in qnx-facts, not in the pages");
    }

    @Test
    void theServersDataReachesTheConsumer() {
        List<Expectation> e = predict("8.0", "[server, client]", """
                - server shm_create: {as: fd}
                - server mmap: {fd: $fd, as: m}
                - server mem_write: {map: $m, offset: 8, value: 1234}
                - server shm_create_handle: {fd: $fd, to: client, flags: [O_RDWR], as: h}
                - client shm_open_handle: {handle: $h, flags: [O_RDWR], as: cfd}
                - client mmap: {fd: $cfd, as: cm}
                - client mem_read: {map: $cm, offset: 8}
                """);
        documented(last(e), "1234", "EOK", Citations.SHM_PERSISTS);
    }
}
