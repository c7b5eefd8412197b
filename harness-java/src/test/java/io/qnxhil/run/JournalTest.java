package io.qnxhil.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackInOrderAndAppendsAcrossOpens() {
        try (Journal j = Journal.openForAppend(dir)) {
            j.append(Journal.record("run-start").put("n", 1));
        }
        try (Journal j = Journal.openForAppend(dir)) {
            j.append(Journal.record("scenario").put("n", 2));
        }
        List<JsonNode> recs = Journal.read(dir);
        assertEquals(2, recs.size());
        assertEquals("run-start", recs.get(0).path("type").asText());
        assertEquals(2, recs.get(1).path("n").asInt());
    }

    @Test
    void aTornLastLineFromAKilledRunIsIgnored() throws Exception {
        try (Journal j = Journal.openForAppend(dir)) {
            j.append(Journal.record("run-start"));
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"type\":\"scen", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertEquals(1, Journal.read(dir).size());
    }

    @Test
    void aMalformedRecordInTheMiddleIsAnErrorNamingTheLine() throws Exception {
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"type\":\"run-start\"}\nnot json\n{\"type\":\"run-end\"}\n");
        var e = assertThrows(Journal.JournalException.class, () -> Journal.read(dir));
        assertTrue(e.getMessage().contains(Journal.FILE_NAME + ":2:"), e.getMessage());
    }

    @Test
    void aTornLastLineIsReportedWithFileAndLineAndTheRecordsBeforeItAreKept() throws Exception {
        try (Journal j = Journal.openForAppend(dir)) {
            j.append(Journal.record("run-start"));
            j.append(Journal.record("scenario").put("n", 1));
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"type\":\"scen", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Journal.Contents c = Journal.load(dir);
        assertEquals(2, c.records().size());
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).startsWith(dir.resolve(Journal.FILE_NAME) + ":3: torn last record"), c.problems().get(0));
    }

    @Test
    void resumingCutsTheTornLineOffKeepsItsTextAndAppendsOnALineOfItsOwn() throws Exception {
        try (Journal j = Journal.openForAppend(dir)) {
            j.append(Journal.record("run-start"));
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"type\":\"scen", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Journal j = Journal.openForResume(dir)) {
            j.append(Journal.record("scenario").put("n", 2));
        }
        Journal.Contents c = Journal.load(dir);
        assertEquals(List.of("run-start", "journal-repair", "scenario"),
                c.records().stream().map(r -> r.path("type").asText()).toList());
        assertEquals("{\"type\":\"scen", c.records().get(1).path("tornText").asText());
        assertEquals(2, c.records().get(1).path("line").asInt());
        assertTrue(c.problems().get(0).contains(":2: a torn record"), c.problems().toString());
    }
}
