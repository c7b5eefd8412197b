package io.qnxhil.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's append-only results journal: one JSON object per line, written and forced to disk
 * record by record, so a run killed at any moment loses nothing it had recorded. Every report of
 * the run is derived from this file alone ({@code harness report RUN_DIR}).
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public static Journal openForAppend(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new Journal(file, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record and forces it to disk before returning. */
    public synchronized void append(ObjectNode record) {
        byte[] line = (record.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            var buf = java.nio.ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to results journal " + file + ": " + e.getMessage(), e);
        }
    }

    public static ObjectNode record(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("time", java.time.Instant.now().toString());
        return n;
    }

    /**
     * Opens the journal of an interrupted run to carry on writing. A torn last line (the run was
     * killed while writing it) is cut off so that new records start on a line of their own; its
     * text is kept in a {@code journal-repair} record, so nothing is lost.
     */
    public static Journal openForResume(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        String torn = null;
        long tornLine = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            if (end > 0 && all[end - 1] != '\n') {
                int cut = end - 1;
                while (cut >= 0 && all[cut] != '\n') {
                    cut--;
                }
                torn = new String(all, cut + 1, end - cut - 1, StandardCharsets.UTF_8);
                for (int i = 0; i <= cut; i++) {
                    tornLine += all[i] == '\n' ? 1 : 0;
                }
                tornLine++;
                ch.truncate(cut + 1);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results journal " + file + " to resume: " + e.getMessage(), e);
        }
        Journal j = openForAppend(runDir);
        if (torn != null) {
            ObjectNode rec = record("journal-repair");
            rec.put("line", tornLine);
            rec.put("tornText", torn);
            rec.put("note", "the run was interrupted while writing line " + tornLine + "; its text is kept here");
            j.append(rec);
        }
        return j;
    }

    /** The records of a journal, and what was wrong with it (a torn last line: file:line and what). */
    public record Contents(List<JsonNode> records, List<String> problems) {
    }

    /** Every complete record; see {@link #load(Path)}. */
    public static List<JsonNode> read(Path runDir) {
        return load(runDir).records();
    }

    /**
     * Reads every complete record. A torn last line (the run was killed while writing it) is
     * reported as a problem naming file:line, and every record before it is kept; a malformed
     * line anywhere else is an error naming the line number.
     */
    public static Contents load(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        List<String> lines;
        boolean endsWithNewline;
        try {
            byte[] bytes = Files.readAllBytes(file);
            endsWithNewline = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
            lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results journal " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    problems.add(file + ":" + (i + 1) + ": torn last record (" + line.length() + " bytes"
                            + (endsWithNewline ? "" : ", no line end") + "): the run was interrupted while writing it;"
                            + " ignored, the " + out.size() + " records before it are kept");
                    break;
                }
                throw new JournalException(file + ":" + (i + 1) + ": malformed journal record: " + e.getMessage());
            }
        }
        for (JsonNode rec : out) {
            if ("journal-repair".equals(rec.path("type").asText())) {
                problems.add(file + ":" + rec.path("line").asLong() + ": a torn record from an interrupted run was"
                        + " cut off when the run was resumed; its text is kept in a journal-repair record");
            }
        }
        return new Contents(out, problems);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal cannot be read back. */
    public static final class JournalException extends RuntimeException {
        public JournalException(String message) {
            super(message);
        }
    }
}
