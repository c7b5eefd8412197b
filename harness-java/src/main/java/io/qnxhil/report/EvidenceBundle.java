package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.engine.HarnessVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The certification evidence of a run, as one zip: the report, the journal, the board identities,
 * the agent and plan hashes, the traceability matrix when the run has one, and
 * {@value #MANIFEST}: the SHA-256 of every other file, in {@code sha256sum} format, so that
 * {@code harness verify} (or {@code sha256sum -c}) shows that nothing was changed afterwards.
 */
public final class EvidenceBundle {
    public static final String FILE_NAME = "evidence.zip";
    public static final String MANIFEST = "MANIFEST.sha256";
    public static final String DESCRIPTOR = "bundle.json";
    public static final String FORMAT = "qnx-hil-evidence/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceBundle() {
    }

    /** Writes {@code <runDir>/evidence.zip} from the run's files; returns its path. */
    public static Path write(RunRecords run, Path projectRoot) throws IOException {
        Path dir = run.runDir();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("journal.jsonl", Files.readAllBytes(dir.resolve("journal.jsonl")));
        files.put(SummaryWriter.FILE_NAME, Files.readAllBytes(dir.resolve(SummaryWriter.FILE_NAME)));
        if (Files.isRegularFile(dir.resolve("report.html"))) {
            files.put("report.html", Files.readAllBytes(dir.resolve("report.html")));
        }
        addTree(files, dir, dir.resolve("junit"));
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("traceability")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        ObjectNode descriptor = descriptor(run, projectRoot, files);
        files.put("board-info.json", JSON.writeValueAsBytes(descriptor.get("boards")));
        files.put(DESCRIPTOR, JSON.writeValueAsBytes(descriptor));
        StringBuilder manifest = new StringBuilder();
        files.forEach((name, bytes) -> manifest.append(sha256(bytes)).append("  ").append(name).append('\n'));
        Path zip = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            put(out, MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
            for (var e : files.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return zip;
    }

    private static ObjectNode descriptor(RunRecords run, Path projectRoot, Map<String, byte[]> files) throws IOException {
        JsonNode start = run.runStart();
        ObjectNode d = JSON.createObjectNode();
        d.put("format", FORMAT);
        d.put("run", run.runDir().getFileName().toString());
        d.put("plan", run.planName());
        d.put("started", start.path("time").asText());
        d.put("complete", run.complete());
        d.put("harnessVersion", start.path("harnessVersion").asText());
        d.put("bundledBy", HarnessVersion.get());
        d.set("counts", JSON.valueToTree(run.counts()));
        ObjectNode plans = d.putObject("planFiles");
        JsonNode recorded = start.path("planFiles");
        if (recorded.isMissingNode() || recorded.isEmpty()) {
            recorded = JSON.createObjectNode().put(start.path("planFile").asText(), start.path("planSha256").asText());
        }
        Path top = Path.of(start.path("planFile").asText()).toAbsolutePath().normalize().getParent();
        for (var e : recorded.properties()) {
            Path f = Path.of(e.getKey()).toAbsolutePath().normalize();
            // named as the plan names it (catalog/register.yaml), so same-named files never collide
            String name = "plan/" + (top != null && f.startsWith(top) ? top.relativize(f).toString().replace('\\', '/')
                    : f.getFileName().toString());
            plans.put(name, e.getValue().asText());
            if (Files.isRegularFile(f)) {
                files.put(name, Files.readAllBytes(f));
            }
        }
        ArrayNode boards = d.putArray("boards");
        for (var e : run.boards().entrySet()) {
            JsonNode info = e.getValue().path("info");
            ObjectNode b = boards.addObject();
            b.put("board", e.getKey());
            b.put("config", e.getValue().path("config").asText());
            b.setAll((ObjectNode) info.deepCopy());
            b.put("agentBuildHash", info.path("buildHash").asText());
            agentBinary(e.getValue().path("config").asText(), projectRoot, b);
            if (run.brokenBoards().containsKey(e.getKey())) {
                b.put("broken", run.brokenBoards().get(e.getKey()));
            }
        }
        run.brokenBoards().forEach((name, reason) -> {
            if (!run.boards().containsKey(name)) {
                boards.addObject().put("board", name).put("broken", reason);
            }
        });
        boolean simulated = run.boards().values().stream().anyMatch(b -> !"QNX".equals(b.path("info").path("os").asText()));
        if (simulated) {
            d.put("note", "Results from qnxsim come from the simulated board: they are not QNX results.");
        }
        d.put("traceabilityMatrix", files.keySet().stream().filter(n -> n.startsWith("traceability")).findFirst()
                .orElse("none: this run has no traceability matrix"));
        return d;
    }

    /** The SHA-256 of the agent binary a local board ran, when the config is still readable. */
    private static void agentBinary(String config, Path projectRoot, ObjectNode b) {
        try {
            var c = BoardConfigLoader.load(Path.of(config), projectRoot);
            if (c.transport() instanceof TransportConfig.Local local && Files.isRegularFile(local.agent())) {
                b.put("agentBinary", local.agent().toString());
                b.put("agentBinarySha256", sha256(local.agent()));
            }
        } catch (RuntimeException | IOException e) {
            b.put("agentBinarySha256", "unknown: " + e.getMessage());
        }
    }

    private static void addTree(Map<String, byte[]> files, Path base, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(base.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L);
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
