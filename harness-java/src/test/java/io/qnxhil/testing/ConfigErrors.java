package io.qnxhil.testing;

import io.qnxhil.plan.ConfigException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions that a configuration error tells the user where to look: file, line and field. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    public static void assertNames(ConfigException e, Path file, int line, String field) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ":" + line + ":"), "file and line in: " + m);
        assertTrue(m.contains("field '" + field + "'"), "field in: " + m);
        assertEquals(line, e.location().line(), m);
        assertEquals(field, e.field(), m);
    }
}
