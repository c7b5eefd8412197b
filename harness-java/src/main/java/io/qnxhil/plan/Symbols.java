package io.qnxhil.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The QNX names a plan may use, by group, with their values on QNX (qnx-facts.md). Plans speak
 * in names; the agent resolves them with its own headers, the reference model with this table.
 * A name that exists in only one release says so in {@link Symbol#releases()}.
 */
public final class Symbols {

    /** One QNX name. {@code releases} is empty when the name exists in every supported release. */
    public record Symbol(String name, Group group, long value, Set<String> releases) {
        public boolean existsIn(String release) {
            return releases.isEmpty() || releases.contains(release);
        }
    }

    public enum Group {
        SIGNAL, SIGEV_TYPE, COF_FLAG, CHF_FLAG, COID, INDEX, SI_CODE, PULSE_CODE, PRIORITY, ERRNO,
        SIGEV_FLAG, MEMOP, OPEN_FLAG, PROT, SHM_OPTION, ABILITY, ABILITY_OP, ABILITY_DOMAIN
    }

    private static final Map<String, Symbol> ALL = new LinkedHashMap<>();
    private static final Set<String> V71 = Set.of("7.1");
    private static final Set<String> V80 = Set.of("8.0");
    private static final long SIGRTMIN = 41;
    private static final long SIGRTMAX = 56;
    private static final java.util.regex.Pattern RT_SIGNAL = java.util.regex.Pattern.compile("SIGRT(MIN|MAX)([+-])([0-9]+)");

    static {
        String[] signals = {"SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGEMT", "SIGFPE",
            "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGUSR1", "SIGUSR2",
            "SIGCHLD", "SIGPWR", "SIGWINCH", "SIGURG", "SIGPOLL", "SIGSTOP", "SIGTSTP", "SIGCONT",
            "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGXFSZ"};
        for (int i = 0; i < signals.length; i++) {
            add(signals[i], Group.SIGNAL, i + 1L);
        }
        add("SIGRTMIN", Group.SIGNAL, SIGRTMIN);
        add("SIGRTMAX", Group.SIGNAL, SIGRTMAX);
        String[] types = {"SIGEV_NONE", "SIGEV_SIGNAL", "SIGEV_SIGNAL_CODE", "SIGEV_SIGNAL_THREAD", "SIGEV_PULSE",
            "SIGEV_UNBLOCK", "SIGEV_INTR", "SIGEV_THREAD", "SIGEV_MEMORY", "SIGEV_SEM"};
        for (int i = 0; i < types.length; i++) {
            add(types[i], Group.SIGEV_TYPE, i);
        }
        cof();
        add("_NTO_CHF_FIXED_PRIORITY", Group.CHF_FLAG, 0x1);
        add("_NTO_CHF_UNBLOCK", Group.CHF_FLAG, 0x2);
        add("_NTO_CHF_THREAD_DEATH", Group.CHF_FLAG, 0x4);
        add("_NTO_CHF_DISCONNECT", Group.CHF_FLAG, 0x8);
        add("_NTO_CHF_COID_DISCONNECT", Group.CHF_FLAG, 0x40);
        add("_NTO_CHF_PRIVATE", Group.CHF_FLAG, 0x1000);
        add("SYSMGR_COID", Group.COID, 0x40000000L);
        add("_NTO_SIDE_CHANNEL", Group.INDEX, 0x40000000L);
        add("SI_USER", Group.SI_CODE, 0);
        add("SI_QUEUE", Group.SI_CODE, -2);
        add("SI_TIMER", Group.SI_CODE, -3);
        add("SI_MINAVAIL", Group.SI_CODE, -128);
        add("SI_MAXAVAIL", Group.SI_CODE, -64);
        add("SI_NOINFO", Group.SI_CODE, 127);
        add("_PULSE_CODE_MINAVAIL", Group.PULSE_CODE, 0);
        add("_PULSE_CODE_MAXAVAIL", Group.PULSE_CODE, 127);
        add("SIGEV_PULSE_PRIO_INHERIT", Group.PRIORITY, -1);
        add("SIGEV_FLAG_OVERDRIVE", Group.SIGEV_FLAG, 0x200);
        add("SIGEV_FLAG_UPDATEABLE", Group.SIGEV_FLAG, 0x400);
        add("SIGEV_FLAG_SIVAL_INT", Group.SIGEV_FLAG, 0x800);
        add("SIGEV_FLAG_NOQUEUE", Group.SIGEV_FLAG, 0x1000);
        add("SIGEV_FLAG_HANDLE", Group.SIGEV_FLAG, 0x2000);
        add("SIGEV_FLAG_CODE_UPDATEABLE", Group.SIGEV_FLAG, 0x4000);
        String[] memops = {"SIGEV_MEM_ASSIGN", "SIGEV_MEM_ADD", "SIGEV_MEM_SUB", "SIGEV_MEM_BITSET",
            "SIGEV_MEM_BITCLR", "SIGEV_MEM_BITTOGGLE"};
        for (int i = 0; i < memops.length; i++) {
            add(memops[i], Group.MEMOP, i + 1L);
        }
        // <fcntl.h> values of QNX (O_CLOEXEC 0x20000 on QNX 7.1/8.0); the agent resolves names with its own headers
        add("O_RDONLY", Group.OPEN_FLAG, 0);
        add("O_WRONLY", Group.OPEN_FLAG, 1);
        add("O_RDWR", Group.OPEN_FLAG, 2);
        add("O_CLOEXEC", Group.OPEN_FLAG, 0x20000);
        add("PROT_NONE", Group.PROT, 0);
        add("PROT_READ", Group.PROT, 0x100);
        add("PROT_WRITE", Group.PROT, 0x200);
        add("SHM_CREATE_HANDLE_OPT_NOFD", Group.SHM_OPTION, 0x1);
        abilities();
        errnos();
    }

    private static void cof() {
        add("_NTO_COF_CLOEXEC", Group.COF_FLAG, 0x1);
        add("_NTO_COF_DEAD", Group.COF_FLAG, 0x2);
        add("_NTO_COF_NOSHARE", Group.COF_FLAG, 0x40);
        add("_NTO_COF_NOEVENT", Group.COF_FLAG, 0x800);
        add("_NTO_COF_REG_EVENTS", Group.COF_FLAG, 0x2000);
        add("_NTO_COF_NETCON", Group.COF_FLAG, 0x80, V71);
        add("_NTO_COF_NONBLOCK", Group.COF_FLAG, 0x100, V71);
        add("_NTO_COF_ASYNC", Group.COF_FLAG, 0x200, V71);
        add("_NTO_COF_GLOBAL", Group.COF_FLAG, 0x400, V71);
        add("_NTO_COF_INSECURE", Group.COF_FLAG, 0x1000, V71);
        add("_NTO_COF_UNREG_EVENTS", Group.COF_FLAG, 0x4000, V71);
        add("_NTO_COF_NOINHERIT", Group.COF_FLAG, 0x4, V80);
        add("_NTO_COF_LOCAL", Group.COF_FLAG, 0x8, V80);
        add("_NTO_COF_ALLOWED", Group.COF_FLAG, 0x80, V80);
        add("_NTO_COF_PIPE", Group.COF_FLAG, 0x400, V80);
        add("_NTO_COF_DUP2", Group.COF_FLAG, 0x8000, V80);
    }

    private static void abilities() {
        Object[][] table = {{"PROCMGR_AID_SPAWN_SETUID", 0}, {"PROCMGR_AID_SETUID", 2}, {"PROCMGR_AID_PATHSPACE", 5},
            {"PROCMGR_AID_MEM_PEER", 19}, {"PROCMGR_AID_SPAWN", 21}, {"PROCMGR_AID_FORK", 22},
            {"PROCMGR_AID_PROT_EXEC", 23}, {"PROCMGR_AID_INTERRUPT", 29}, {"PROCMGR_AID_IO", 31},
            {"PROCMGR_AID_PRIORITY", 33}, {"PROCMGR_AID_CONNECTION", 34}, {"PROCMGR_AID_SIGNAL", 36},
            {"PROCMGR_AID_PUBLIC_CHANNEL", 44}, {"PROCMGR_AID_XPROCESS_QUERY", 50},
            {"PROCMGR_AID_CHANNEL_CONNECT", 58}, {"PROCMGR_AID_SIGEV_THREAD", 69}};
        for (Object[] row : table) {
            add((String) row[0], Group.ABILITY, (Integer) row[1]);
        }
        add("PROCMGR_AOP_DENY", Group.ABILITY_OP, 0x00010000);
        add("PROCMGR_AOP_ALLOW", Group.ABILITY_OP, 0x00020000);
        add("PROCMGR_AOP_LOCK", Group.ABILITY_OP, 0x00080000);
        add("PROCMGR_ADN_ROOT", Group.ABILITY_DOMAIN, 0x10000000L);
        add("PROCMGR_ADN_NONROOT", Group.ABILITY_DOMAIN, 0x20000000L);
    }

    private static void errnos() {
        Object[][] table = {{"EOK", 0}, {"EPERM", 1}, {"ESRCH", 3}, {"ENXIO", 6}, {"EBADF", 9}, {"EAGAIN", 11},
            {"ENOMEM", 12}, {"EACCES", 13}, {"EFAULT", 14}, {"EBUSY", 16}, {"EINVAL", 22}, {"ENFILE", 23},
            {"EMFILE", 24}, {"EDEADLK", 45}, {"ECANCELED", 47}, {"ENOTSUP", 48}, {"ENAMETOOLONG", 78},
            {"EOVERFLOW", 79}, {"ENOSYS", 89}, {"EOPNOTSUPP", 103}, {"EMSGSIZE", 240}, {"ENOBUFS", 255},
            {"ETIMEDOUT", 260}, {"ENOLIC", 311}, {"ESRVRFAULT", 312}};
        for (Object[] row : table) {
            add((String) row[0], Group.ERRNO, (Integer) row[1]);
        }
    }

    private Symbols() {
    }

    private static void add(String name, Group group, long value) {
        add(name, group, value, Set.of());
    }

    private static void add(String name, Group group, long value, Set<String> releases) {
        ALL.put(name, new Symbol(name, group, value, releases));
    }

    /** A name of the table, or a real-time signal written "SIGRTMIN+n" / "SIGRTMAX-n" (41..56). */
    public static Optional<Symbol> lookup(String name) {
        Symbol s = ALL.get(name);
        if (s != null) {
            return Optional.of(s);
        }
        java.util.regex.Matcher m = RT_SIGNAL.matcher(name);
        if (m.matches() && m.group(3).length() <= 2) {
            long base = m.group(1).equals("MIN") ? SIGRTMIN : SIGRTMAX;
            long value = base + (m.group(2).equals("+") ? 1 : -1) * Long.parseLong(m.group(3));
            if (value >= SIGRTMIN && value <= SIGRTMAX) {
                return Optional.of(new Symbol(name, Group.SIGNAL, value, Set.of()));
            }
        }
        return Optional.empty();
    }

    /** The symbol, which must be in one of {@code groups}. */
    public static Optional<Symbol> lookup(String name, Set<Group> groups) {
        return lookup(name).filter(s -> groups.contains(s.group()));
    }

    public static Map<String, Symbol> all() {
        return Collections.unmodifiableMap(ALL);
    }

    /** The names of one group, in table order: for "known: ..." lists in error messages. */
    public static java.util.List<String> names(Set<Group> groups) {
        return ALL.values().stream().filter(s -> groups.contains(s.group())).map(Symbol::name).toList();
    }

    /** The name of a signal number (1..56), or the number as text when it has none. */
    public static String signalName(long signo) {
        return ALL.values().stream().filter(s -> s.group() == Group.SIGNAL && s.value() == signo)
                .map(Symbol::name).findFirst()
                .orElse(signo > SIGRTMIN && signo < SIGRTMAX ? "SIGRTMIN+" + (signo - SIGRTMIN) : Long.toString(signo));
    }
}
