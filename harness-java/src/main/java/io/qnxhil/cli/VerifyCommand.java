package io.qnxhil.cli;

import io.qnxhil.report.EvidenceVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code harness verify BUNDLE}: checks a certification evidence bundle against its manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a certification evidence bundle (evidence.zip or its unpacked directory): every file "
                + "against the SHA-256 in its manifest, no unlisted files, and the plan and agent hashes against the journal.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the bundle is intact", "2:the bundle was changed (a file modified, missing or added; each named), or it cannot be read"})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE", description = "evidence.zip, or a directory holding an unpacked bundle")
    Path bundle;

    @Override
    public Integer call() {
        if (!Files.exists(bundle)) {
            System.err.println("harness: " + bundle + ": no such file or directory");
            return Main.BROKEN_OR_USAGE;
        }
        EvidenceVerifier.Result r;
        try {
            r = EvidenceVerifier.verify(bundle);
        } catch (IOException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        if (!r.intact()) {
            System.err.println("harness: evidence bundle " + bundle + " is NOT intact:");
            r.problems().forEach(p -> System.err.println("  " + p));
            return Main.BROKEN_OR_USAGE;
        }
        var d = r.descriptor();
        System.out.println("evidence bundle " + bundle + " is intact: " + r.files() + " files match "
                + "their SHA-256 in MANIFEST.sha256");
        System.out.println("  plan    " + d.path("plan").asText() + "  run " + d.path("run").asText()
                + "  complete " + d.path("complete").asBoolean() + "  counts " + d.path("counts"));
        d.path("planFiles").properties().forEach(e -> System.out.println("  plan file  " + e.getKey() + "  sha256 " + e.getValue().asText()));
        for (var b : d.path("boards")) {
            System.out.println("  board   " + b.path("board").asText() + "  " + b.path("os").asText() + " "
                    + b.path("release").asText() + " " + b.path("arch").asText() + "  agent " + b.path("agentBuildHash").asText()
                    + (b.has("broken") ? "  BROKEN: " + b.path("broken").asText() : ""));
        }
        System.out.println("  traceability matrix: " + d.path("traceabilityMatrix").asText());
        if (d.has("note")) {
            System.out.println("  " + d.path("note").asText());
        }
        return Main.OK;
    }
}
