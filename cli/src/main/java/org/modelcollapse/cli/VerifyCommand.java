package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.modelcollapse.verify.Check;
import org.modelcollapse.verify.Report;
import org.modelcollapse.verify.VerificationRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code collapse verify MODEL}: a family's closed-form checks (SPEC §6) as a report. */
@Command(name = "verify", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = "Checks the engine against closed-form results (SPEC §6) and writes a Markdown report.",
        footer = {"%nExamples:%n  collapse verify discrete%n  collapse verify gaussian"})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "Model family to verify (one of the families' subcommands).")
    String model;

    @Option(names = "--seed", description = "Root seed (default: ${DEFAULT-VALUE}, the CI seed).", defaultValue = "20240724")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Report file (default: results/verification-<model>.md in the project).")
    Path report;

    @Override
    public Integer call() throws IOException {
        final FamilyCli family = Families.named(model);
        if (family == null) {
            throw new BadInputException("MODEL", model, "allowed are " + Families.names());
        }
        final Path file = (report != null ? report
                : Path.of(System.getProperty("collapse.root", ".")).resolve("results").resolve("verification-" + model + ".md"))
                .toAbsolutePath().normalize();
        final Path staged = stageReport(file);
        final List<Check> rows = VerificationRunner.run(family.verification(), seed);
        final String text = Report.markdown(family.verification().title(), seed, rows);
        System.out.print(text);
        Files.writeString(staged, text);
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + file);
        return Report.allPass(rows) ? 0 : 1;
    }

    /**
     * Makes an empty file beside the report before the checks run, so that a report that cannot be
     * written is refused at once rather than after minutes of checks; removed at exit unless moved into place.
     */
    private static Path stageReport(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException("--report", file, "is a folder; name a file");
        }
        try {
            Files.createDirectories(file.getParent());
            final Path staged = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".partial");
            staged.toFile().deleteOnExit();
            return staged;
        } catch (IOException | SecurityException e) {
            throw new BadInputException("--report", file, "cannot be written (" + e + ")");
        }
    }
}
