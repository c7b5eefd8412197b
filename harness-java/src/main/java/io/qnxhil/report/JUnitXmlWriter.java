package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML, one {@code TEST-<plan>.<board>.xml} per board under {@code junit/}, for CI servers.
 * FAIL is a {@code <failure>}, BROKEN an {@code <error>} (infrastructure), SKIPPED a {@code <skipped>}.
 */
public final class JUnitXmlWriter {
    public static final String DIR = "junit";

    private JUnitXmlWriter() {
    }

    public static void write(RunRecords run) throws IOException {
        Path dir = Files.createDirectories(run.runDir().resolve(DIR));
        Map<String, List<JsonNode>> byBoard = new LinkedHashMap<>();
        for (JsonNode s : run.scenarios()) {
            byBoard.computeIfAbsent(s.path("board").asText(), k -> new java.util.ArrayList<>()).add(s);
        }
        for (var e : byBoard.entrySet()) {
            String suite = run.planName() + "." + e.getKey();
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve("TEST-" + safe(suite) + ".xml")), 1 << 16)) {
                writeSuite(out, suite, run.boardOs(e.getKey()), e.getValue());
            } catch (XMLStreamException ex) {
                throw new IOException("cannot write JUnit XML for " + suite + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static void writeSuite(OutputStream out, String suite, String os, List<JsonNode> scenarios)
            throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", suite);
        w.writeAttribute("tests", String.valueOf(scenarios.size()));
        w.writeAttribute("failures", String.valueOf(count(scenarios, "FAIL")));
        w.writeAttribute("errors", String.valueOf(count(scenarios, "BROKEN")));
        w.writeAttribute("skipped", String.valueOf(count(scenarios, "SKIPPED")));
        w.writeAttribute("time", seconds(scenarios.stream().mapToLong(s -> s.path("durationMs").asLong()).sum()));
        w.writeStartElement("properties");
        property(w, "board.os", os);
        w.writeEndElement();
        for (JsonNode s : scenarios) {
            testcase(w, suite, s);
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    private static void testcase(XMLStreamWriter w, String suite, JsonNode s) throws XMLStreamException {
        w.writeStartElement("testcase");
        w.writeAttribute("classname", suite);
        w.writeAttribute("name", s.path("scenario").asText());
        w.writeAttribute("time", seconds(s.path("durationMs").asLong()));
        String verdict = s.path("verdict").asText();
        String reason = s.path("reason").asText("");
        switch (verdict) {
            case "FAIL" -> element(w, "failure", "product", reason, TraceTable.render(s));
            case "BROKEN" -> element(w, "error", "infrastructure", reason, TraceTable.render(s));
            case "SKIPPED" -> {
                w.writeStartElement("skipped");
                w.writeAttribute("message", reason);
                w.writeEndElement();
            }
            default -> { }
        }
        w.writeStartElement("system-out");
        w.writeCData(TraceTable.render(s).replace("]]>", "]] >"));
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String type, String message, String body)
            throws XMLStreamException {
        w.writeStartElement(name);
        w.writeAttribute("type", type);
        w.writeAttribute("message", message);
        w.writeCharacters(body);
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value);
    }

    private static long count(List<JsonNode> scenarios, String verdict) {
        return scenarios.stream().filter(s -> verdict.equals(s.path("verdict").asText())).count();
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
