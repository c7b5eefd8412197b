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
     * Reads every complete record. A torn last line (the run was killed while writing it) is
     * ignored; a malformed line anywhere else is an error naming the line number.
     */
    public static List<JsonNode> read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results journal " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new JournalException(file + ":" + (i + 1) + ": malformed journal record: " + e.getMessage());
            }
        }
        return out;
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
