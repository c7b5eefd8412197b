package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The plots of a latency measurement as Allure attachments (written by {@link LatencyReport} first). */
public final class LatencyAllure {
    private LatencyAllure() {
    }

    public static List<Attachment> attachments(Path runDir, JsonNode scenarioRecord, FileSystemResultsWriter writer) {
        List<Attachment> out = new ArrayList<>();
        if (!LatencyMeasurement.isLatency(scenarioRecord)) {
            return out;
        }
        LatencyReport.Plots p = LatencyReport.plotsOf(scenarioRecord.path("board").asText(),
                scenarioRecord.path("latency").path("id").asText());
        attach(out, writer, runDir.resolve(p.histogram()), "latency histogram (log scale)");
        attach(out, writer, runDir.resolve(p.percentiles()), "latency percentiles");
        attach(out, writer, runDir.resolve(p.windows()), "max latency per window");
        return out;
    }

    private static void attach(List<Attachment> out, FileSystemResultsWriter writer, Path png, String name) {
        if (!Files.isRegularFile(png)) {
            return;
        }
        String source = UUID.randomUUID() + "-attachment.png";
        try {
            writer.write(source, new ByteArrayInputStream(Files.readAllBytes(png)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach " + png + ": " + e.getMessage(), e);
        }
        out.add(new Attachment().setName(name).setType("image/png").setSource(source));
    }
}
