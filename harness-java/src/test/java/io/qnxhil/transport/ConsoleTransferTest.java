package io.qnxhil.transport;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a console transfer types fits io-char's canonical line limit and input buffer. */
class ConsoleTransferTest {
    @Test
    void everyTypedLineFitsTheCanonicalLimitAndTwoDataCommandsFitTheWindow() {
        byte[] data = new byte[16384];
        new Random(3).nextBytes(data);
        data[0] = '-';
        for (ConsoleTransfer.Mode mode : ConsoleTransfer.Mode.values()) {
            ConsoleTransfer.Chunk chunk = ConsoleTransfer.chunkCommands(data, mode);
            assertTrue(chunk.data().size() > 10, mode + ": " + chunk.data().size() + " data commands");
            for (String command : chunk.data()) {
                String typed = command + "\necho QA000000000000." + chunk.data().size() + ":\n";
                assertTrue(2 * typed.length() <= ConsoleTransfer.WINDOW, mode + ": " + typed.length() + " characters");
                typed.lines().forEach(l -> assertTrue(l.length() <= SerialConsole.MAX_LINE, mode + ": " + l));
            }
            SerialConsole.framed("000000000000", chunk.check()).lines()
                    .forEach(l -> assertTrue(l.length() <= SerialConsole.MAX_LINE, l));
        }
    }

    @Test
    void printfEscapesAreAsShortAsAnOctalDigitAfterThemAllows() {
        assertEquals("\\0", ConsoleTransfer.printfEscape(0, false));
        assertEquals("\\000", ConsoleTransfer.printfEscape(0, true));
        assertEquals("\\377", ConsoleTransfer.printfEscape(255, false));
        assertEquals("\\12", ConsoleTransfer.printfEscape('\n', false));
        assertEquals("A", ConsoleTransfer.printfEscape('A', true));
        assertEquals("\\47", ConsoleTransfer.printfEscape('\'', false));
        assertEquals("\\45", ConsoleTransfer.printfEscape('%', false));
        // "\0" then the byte '1' would be read as \01: the escape before an octal digit keeps three digits
        ConsoleTransfer.Chunk c = ConsoleTransfer.chunkCommands(new byte[] {0, '1', 0, 'x'}, ConsoleTransfer.Mode.PRINTF);
        assertTrue(c.data().get(0).contains("printf '\\0001\\0x'"), c.data().get(0));
    }
}
