package io.qnxhil.report;

import io.qnxhil.cli.Main;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certification evidence bundle of a run: what it holds, {@code harness verify} on the intact
 * bundle (exit 0), and on bundles changed afterwards — a modified, a removed and an added file —
 * each named, exit 2. Also the unpacked form, checked the same way.
 */
class EvidenceBundleTest {
    private static Path root;
    private static Path runDir;
    private static Path bundle;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;



    @BeforeAll
    static void aRunWithEvidence() throws IOException {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        runDir = shared.resolve("run");
        // the certification plan writes its evidence without being asked
        Outcome o = harness("run", "--plan", root.resolve("test-plans/bsp-certification.yaml").toString(), "--run-dir", runDir.toString(),
                "--no-html");
        assertEquals(Main.OK, o.exit(), o.out() + o.err());
        bundle = runDir.resolve(EvidenceBundle.FILE_NAME);
        assertTrue(o.out().contains("evidence bundle: "), o.out());
    }

    /** A copy of the bundle with its entries changed: the function maps name to new content, null to drop it. */
    private Path rewritten(Map<String, UnaryOperator<byte[]>> changes, Map<String, byte[]> added) throws IOException {
        Path out = tmp.resolve("changed.zip");
        try (ZipFile in = new ZipFile(bundle.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (changes.containsKey(e.getName())) {
                    bytes = changes.get(e.getName()).apply(bytes);
                }
                if (bytes != null) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(bytes);
                    z.closeEntry();
                }
            }
            for (var a : added.entrySet()) {
                z.putNextEntry(new ZipEntry(a.getKey()));
                z.write(a.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void theBundleHoldsReportJournalBoardInfoHashesAndAManifestOfEveryFile() throws IOException {
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            for (String name : new String[] {"MANIFEST.sha256", "bundle.json", "journal.jsonl", "summary.json",
                    "board-info.json", "plan/bsp-certification.yaml", "plan/smoke.yaml", "plan/catalog/register.yaml"}) {
                assertTrue(z.getEntry(name) != null, name + " in the bundle");
            }
            String manifest = new String(z.getInputStream(z.getEntry("MANIFEST.sha256")).readAllBytes(), StandardCharsets.UTF_8);
            long entries = java.util.Collections.list(z.entries()).size();
            assertEquals(entries - 1, manifest.lines().count(), "every other file listed:\n" + manifest);
            String descriptor = new String(z.getInputStream(z.getEntry("bundle.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(descriptor.contains("\"agentBuildHash\"") && descriptor.contains("\"agentBinarySha256\""), descriptor);
            assertTrue(descriptor.contains("not QNX results"), descriptor);
        }
        Outcome ok = harness("verify", bundle.toString());
        assertEquals(Main.OK, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("is intact"), ok.out());
    }

    @Test
    void aModifiedJournalIsNamedAndFailsTheCheck() throws IOException {
        Path changed = rewritten(Map.of("journal.jsonl",
                b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\"verdict\":\"PASS\"", "\"verdict\":\"FAIL\"")
                        .getBytes(StandardCharsets.UTF_8)), Map.of());
        Outcome o = harness("verify", changed.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out());
        assertTrue(o.err().contains("journal.jsonl: modified: SHA-256 is"), o.err());
    }

    @Test
    void aRemovedAndAnAddedFileAreEachNamed() throws IOException {
        Path changed = rewritten(Map.of("summary.json", b -> null), Map.of("extra.txt", "x".getBytes(StandardCharsets.UTF_8)));
        Outcome o = harness("verify", changed.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out());
        assertTrue(o.err().contains("summary.json: missing"), o.err());
        assertTrue(o.err().contains("extra.txt: not listed in MANIFEST.sha256"), o.err());
    }

    @Test
    void aSwappedPlanCopyWithARecomputedManifestLineIsCaughtByTheJournalsPlanHash() throws IOException {
        byte[] fake = "plan: bsp-certification\ninclude: [smoke.yaml]\n# edited\n".getBytes(StandardCharsets.UTF_8);
        Path changed = rewritten(Map.of("plan/bsp-certification.yaml", b -> fake,
                "MANIFEST.sha256", m -> new String(m, StandardCharsets.UTF_8).lines()
                        .map(l -> l.endsWith("  plan/bsp-certification.yaml") ? EvidenceBundle.sha256(fake) + "  plan/bsp-certification.yaml" : l)
                        .reduce("", (a, l) -> a + l + "\n").getBytes(StandardCharsets.UTF_8)), Map.of());
        Outcome o = harness("verify", changed.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out());
        assertTrue(o.err().contains("plan/bsp-certification.yaml: differs from the plan the run used"), o.err());
    }

    @Test
    void anUnpackedBundleIsCheckedTheSameWay() throws IOException {
        Path dir = tmp.resolve("unpacked");
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                Path f = dir.resolve(e.getName());
                Files.createDirectories(f.getParent());
                Files.write(f, z.getInputStream(e).readAllBytes());
            }
        }
        assertEquals(Main.OK, harness("verify", dir.toString()).exit());
        Files.writeString(dir.resolve("board-info.json"), "[]");
        Outcome o = harness("verify", dir.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit());
        assertTrue(o.err().contains("board-info.json: modified"), o.err());
    }

    @Test
    void somethingThatIsNotABundleIsAClearError() throws IOException {
        Path notZip = tmp.resolve("x.zip");
        Files.writeString(notZip, "hello");
        Outcome o = harness("verify", notZip.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit());
        assertTrue(o.err().contains(notZip + ": not a zip file"), o.err());
        Outcome missing = harness("verify", tmp.resolve("nope.zip").toString());
        assertEquals(Main.BROKEN_OR_USAGE, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
