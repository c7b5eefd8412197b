package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an evidence bundle (the zip, or a directory it was unpacked into): every file listed in
 * the manifest is there with the recorded SHA-256, no file is there that the manifest does not
 * list, and the hashes inside agree with each other (plan copies against the journal's plan hash,
 * board identities against the journal). The manifest is not signed: it shows a file changed
 * after the bundle was made, not who made the bundle.
 */
public final class EvidenceVerifier {
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found: problems (empty when intact) and the bundle's descriptor. */
    public record Result(Path bundle, int files, List<String> problems, JsonNode descriptor) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private EvidenceVerifier() {
    }

    public static Result verify(Path bundle) throws IOException {
        Map<String, byte[]> files = Files.isDirectory(bundle) ? readDir(bundle) : readZip(bundle);
        List<String> problems = new ArrayList<>();
        byte[] manifest = files.remove(EvidenceBundle.MANIFEST);
        if (manifest == null) {
            problems.add(bundle + ": no " + EvidenceBundle.MANIFEST + ": not an evidence bundle");
            return new Result(bundle, files.size(), problems, null);
        }
        Map<String, String> listed = new LinkedHashMap<>();
        String[] lines = new String(manifest, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                problems.add(EvidenceBundle.MANIFEST + ":" + (i + 1) + ": malformed line (expected '<sha256>  <file>'): " + lines[i]);
                continue;
            }
            listed.put(m.group(2), m.group(1));
        }
        for (var e : listed.entrySet()) {
            byte[] content = files.get(e.getKey());
            if (content == null) {
                problems.add(e.getKey() + ": missing (listed in " + EvidenceBundle.MANIFEST + ")");
                continue;
            }
            String actual = EvidenceBundle.sha256(content);
            if (!actual.equals(e.getValue())) {
                problems.add(e.getKey() + ": modified: SHA-256 is " + actual + ", the manifest records " + e.getValue());
            }
        }
        for (String name : files.keySet()) {
            if (!listed.containsKey(name)) {
                problems.add(name + ": not listed in " + EvidenceBundle.MANIFEST + " (added after the bundle was made)");
            }
        }
        JsonNode descriptor = null;
        if (files.containsKey(EvidenceBundle.DESCRIPTOR)) {
            try {
                descriptor = JSON.readTree(files.get(EvidenceBundle.DESCRIPTOR));
                crossCheck(descriptor, files, problems);
            } catch (IOException e) {
                problems.add(EvidenceBundle.DESCRIPTOR + ": unreadable: " + e.getMessage());
            }
        } else {
            problems.add(EvidenceBundle.DESCRIPTOR + ": missing");
        }
        return new Result(bundle, listed.size(), problems, descriptor);
    }

    /** The hashes inside the bundle must agree with the journal it carries. */
    private static void crossCheck(JsonNode d, Map<String, byte[]> files, List<String> problems) {
        if (!EvidenceBundle.FORMAT.equals(d.path("format").asText())) {
            problems.add(EvidenceBundle.DESCRIPTOR + ": unknown format '" + d.path("format").asText() + "'");
        }
        d.path("planFiles").properties().forEach(e -> {
            byte[] plan = files.get(e.getKey());
            if (plan == null) {
                problems.add(e.getKey() + ": plan file missing from the bundle");
            } else if (!EvidenceBundle.sha256(plan).equals(e.getValue().asText())) {
                problems.add(e.getKey() + ": differs from the plan the run used (SHA-256 in "
                        + EvidenceBundle.DESCRIPTOR + ": " + e.getValue().asText() + ")");
            }
        });
        byte[] journal = files.get("journal.jsonl");
        if (journal == null) {
            problems.add("journal.jsonl: missing");
            return;
        }
        Map<String, String> agentHashes = new LinkedHashMap<>();
        String planHash = null;
        for (String line : new String(journal, StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonNode rec = JSON.readTree(line);
                switch (rec.path("type").asText()) {
                    case "run-start" -> planHash = planHash == null ? rec.path("planSha256").asText() : planHash;
                    case "board" -> agentHashes.put(rec.path("board").asText(), rec.path("info").path("buildHash").asText());
                    default -> { }
                }
            } catch (IOException e) {
                // a torn last line is reported by 'harness report'; the manifest already vouches for the bytes
            }
        }
        String runPlanHash = planHash;
        if (runPlanHash != null && !d.path("planFiles").isEmpty()
                && d.path("planFiles").properties().stream().noneMatch(e -> e.getValue().asText().equals(runPlanHash))) {
            problems.add("journal.jsonl: the run's plan hash " + planHash + " matches no plan file in the bundle");
        }
        for (JsonNode b : d.path("boards")) {
            String name = b.path("board").asText();
            if (b.has("agentBuildHash") && agentHashes.containsKey(name)
                    && !agentHashes.get(name).equals(b.path("agentBuildHash").asText())) {
                problems.add(EvidenceBundle.DESCRIPTOR + ": board " + name + ": agent hash " + b.path("agentBuildHash").asText()
                        + " differs from the journal's " + agentHashes.get(name));
            }
        }
    }

    private static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(zip + ": not a zip file (" + e.getMessage() + ")", e);
        }
        return files;
    }

    private static Map<String, byte[]> readDir(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
