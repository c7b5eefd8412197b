package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.model.KernelObjects.ShmFd;
import io.qnxhil.model.KernelObjects.ShmHandle;
import io.qnxhil.model.KernelObjects.ShmObject;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Step;

/**
 * Shared memory through handles: shm_create, shm_create_handle (set-up: their pages are not among
 * the specification pages), shm_open_handle / shm_open_handle_pid (shm_open_handle.txt), mmap and
 * the agent's reads and writes of mapped words.
 */
final class ShmRules {
    private static final long ACCMODE = 3;
    private static final long O_CLOEXEC = Kernel.symbol("O_CLOEXEC");
    private static final long NOFD = Kernel.symbol("SHM_CREATE_HANDLE_OPT_NOFD");

    private ShmRules() {
    }

    static Expectation create(Kernel k, Proc p, Step s) {
        k.bind(s, new ShmFd(p, new ShmObject(p), 2));
        return Expectation.precondition(Expectation.ID, "setup.shm-create");
    }

    static Expectation createHandle(Kernel k, Proc p, Step s) {
        Proc to = s.args().get("to") instanceof String name ? k.proc(name) : null;
        Long flags = k.flags(s.args().get("flags"));
        Long options = k.flags(s.args().get("options"));
        if (!(k.resolve(s.args().get("fd")) instanceof ShmFd fd) || fd.owner() != p || to == null || flags == null
                || options == null || (flags & ~ACCMODE) != 0 || flags == 3 || (options & ~NOFD) != 0
                || exceeds(flags, fd.access())) {
            return Expectation.unspecified(Expectation.ANY, null, "shm_create_handle with arguments other than a "
                    + "shared-memory fd of this actor, an actor and one access mode the fd allows (its page is not "
                    + "among the specification pages)");
        }
        k.bind(s, new ShmHandle(p, to, fd.object(), flags, (options & NOFD) != 0));
        return Expectation.precondition("0", "setup.shm-create-handle");
    }

    static Expectation open(Kernel k, Proc p, Step s, boolean withPid) {
        Long flags = k.flags(s.args().get("flags"));
        Object h = k.resolve(s.args().get("handle"));
        if (flags == null) {
            return Expectation.unspecified(Expectation.ANY, null, "open flags the model does not know");
        }
        if ((flags & ~(ACCMODE | O_CLOEXEC)) != 0) {
            return Expectation.documented("-1", "EINVAL", null, Citations.SHM_EINVAL, "shm-open.illegal-flag");
        }
        if (!(h instanceof ShmHandle handle)) {
            if (h instanceof Long) {
                return Expectation.documented("-1", "ESRCH", null, Citations.SHM_NO_HANDLE, "shm-open.no-such-handle");
            }
            return Expectation.unspecified(Expectation.ANY, null, "a handle the model does not know");
        }
        if (handle.used || handle.revoked) {
            return Expectation.unspecified("-1", null, "a handle already used or revoked: single use is in "
                    + "qnx-facts.md (shm_create_handle), not in the specification pages");
        }
        if (handle.noFd) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "a handle made with SHM_CREATE_HANDLE_OPT_NOFD (shm_create_handle's page is not in the specification)");
        }
        DocRef pidCheck = null;
        if (withPid) {
            Object pid = s.args().get("pid");
            Proc named = pid instanceof String name ? k.proc(name) : null;
            if (pid == null || Long.valueOf(0).equals(k.number(pid))) {
                pidCheck = Citations.SHM_PID_0;
            } else if (named == null) {
                return Expectation.unspecified(Expectation.ANY, null, "a pid that is not an actor of the scenario");
            } else if (named != handle.creator) {
                return Expectation.documented("-1", "ESRCH", null, Citations.SHM_PID_MISMATCH, "shm-open-pid.other-creator");
            } else {
                pidCheck = Citations.SHM_PID_MATCH;
            }
        }
        if (handle.recipient != p) {
            return Expectation.documented("-1", null, null, Citations.SHM_RECIPIENT,
                    "shm-open.handle-made-for-another-process (errno not documented)");
        }
        long access = flags & ACCMODE;
        if (exceeds(access, handle.access)) {
            return Expectation.documented("-1", "EACCES", null, Citations.SHM_EACCES, "shm-open.more-access-than-granted");
        }
        if (access != handle.access) {
            return Expectation.unspecified(Expectation.ANY, null, "less access than the handle grants (not documented)");
        }
        handle.used = true;
        k.bind(s, new ShmFd(p, handle.object, access));
        DocRef cite = pidCheck != null ? pidCheck : (flags & O_CLOEXEC) != 0 ? Citations.SHM_O_CLOEXEC : Citations.SHM_RETURNS_FD;
        return Expectation.documented(Expectation.ID, "EOK", null, cite, "shm-open.fd-for-the-recipient");
    }

    /** True when {@code want} asks for more than {@code granted} (access modes 0 read, 1 write, 2 both). */
    private static boolean exceeds(long want, long granted) {
        return granted != 2 && want != granted;
    }

    static Expectation mmap(Kernel k, Proc p, Step s) {
        if (k.resolve(s.args().get("fd")) instanceof ShmFd fd && fd.owner() == p) {
            k.bind(s, fd.object());
            return Expectation.precondition(Expectation.ID, "setup.mmap");
        }
        return Expectation.unspecified(Expectation.ANY, null, "mmap of an fd the model does not know");
    }

    static Expectation write(Kernel k, Proc p, Step s) {
        Long value = k.number(s.args().get("value"));
        if (s.args().containsKey("map")) {
            if (k.resolve(s.args().get("map")) instanceof ShmObject o) {
                Long offset = s.args().containsKey("offset") ? k.number(s.args().get("offset")) : Long.valueOf(0);
                o.words.put(offset, value == null ? null : (long) value.intValue());
                return Expectation.precondition("0", "setup.mem-write");
            }
            return Expectation.unspecified(Expectation.ANY, null, "a mapping the model does not know");
        }
        Long w = s.args().containsKey("word") ? k.number(s.args().get("word")) : Long.valueOf(0);
        if (w != null && w >= 0 && w < p.words.length) {
            p.words[w.intValue()] = value == null ? null : (long) value.intValue();
        }
        return Expectation.precondition("0", "setup.mem-write");
    }

    static Expectation read(Kernel k, Proc p, Step s) {
        if (s.args().containsKey("map") && k.resolve(s.args().get("map")) instanceof ShmObject o) {
            Long offset = s.args().containsKey("offset") ? k.number(s.args().get("offset")) : Long.valueOf(0);
            Long v = o.words.getOrDefault(offset, 0L);
            if (v == null) {
                return Expectation.unspecified(Expectation.ANY, null, "the word's value is not known to the model");
            }
            return o.creator == p ? Expectation.precondition(Long.toString(v), "setup.mem-read")
                    : Expectation.documented(Long.toString(v), "EOK", null, Citations.SHM_PERSISTS,
                    "shm.data-shared-through-the-handle");
        }
        Long w = s.args().containsKey("word") ? k.number(s.args().get("word")) : Long.valueOf(0);
        Long v = w == null || w < 0 || w >= p.words.length ? null : p.words[w.intValue()];
        return v == null ? Expectation.unspecified(Expectation.ANY, null, "the word's value is not known to the model")
                : Expectation.documented(Long.toString(v), "EOK", null, p.lastMemory != null ? p.lastMemory
                : Citations.DELIVER, "mem-read.word");
    }

    static Expectation revoke(Kernel k, Proc p, Step s) {
        if (k.resolve(s.args().get("fd")) instanceof ShmFd fd) {
            for (Object o : k.objects()) {
                if (o instanceof ShmHandle h && h.object == fd.object() && h.creator == p) {
                    h.revoked = true;
                }
            }
        }
        return Expectation.unspecified(Expectation.ANY, null, "shm_revoke (its page is not among the specification pages)");
    }
}
