package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.demo.DemoTarget;
import dev.crescendo.demo.DemoTargetOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's "run it" command end to end: {@code crescendo demo} starts the demo target and runs
 * examples/demo.yaml, which must pass its early stages and halt on the saturating pool; and the
 * same manifest through {@code crescendo run} against a demo target started here.
 */
class DemoCommandIT {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();

    private int crescendo(String... args) {
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private static LoadCampaignStatus statusIn(Path file) throws Exception {
        LoadCampaign c = ManifestReader.read(file).get(0).campaign();
        return c.getStatus();
    }

    /** What examples/demo.yaml is written to show: growing load passes, the pool saturates, the operator halts and explains. */
    private static void assertDemoOutcome(LoadCampaignStatus s) {
        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.stages()).extracting(StageStatus::name).containsExactly("smoke", "light", "medium", "heavy", "peak");
        for (StageStatus early : s.stages().subList(0, 4)) {
            assertThat(early.verdict()).as(early.name() + ": " + early.message()).isIn(Verdict.PASSED, Verdict.MARGINAL);
        }
        assertThat(s.stages().get(4).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.breach().stage()).isEqualTo("peak");
        assertThat(s.breach().threshold()).isEqualTo("pool");
        assertThat(s.breach().loadStoppedAt()).isNotNull();
        assertThat(s.diagnosis().cause()).isEqualTo("PoolSaturation");
        assertThat(s.capacity().lastPassedStage()).isEqualTo("heavy");
        assertThat(s.capacity().poolFullAt()).isBetween(4.0, 16.0);
    }

    @Test
    void theDemoHaltsOnTheSaturatingPoolAndPrintsTheTableAndCapacity() throws Exception {
        Path output = dir.resolve("demo.yaml");
        Path report = dir.resolve("report.md");
        int code = crescendo("demo", "--progress", "plain", "--output", output.toString(), "--report", report.toString());

        String printed = out.toString();
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("demo target: a chat backend on http://127.0.0.1:")
                .contains("stage        verdict        requests")
                .contains("campaign demo: Halted (FAILED)")
                .contains("breach: pool = ")
                .contains("diagnosis: PoolSaturation")
                .contains("capacity: ").contains("the connection pool would be full at about");
        assertThat(printed).containsPattern("peak +FAILED");
        assertDemoOutcome(statusIn(output));
        // The report people used to write by hand (report 001), from the same run.
        assertThat(Files.readString(report)).contains("# Load campaign demo").contains("## Stages").contains("## Breach")
                .contains("## Diagnosis").contains("PoolSaturation").contains("## Scaling").contains("## Capacity")
                .containsPattern("\\| peak \\| 16 VUs \\|");
    }

    @Test
    void theDemoManifestRunsWithCrescendoRunAgainstADemoTargetOfYourOwn() throws Exception {
        String manifest = Files.readString(Path.of("../examples/demo.yaml"));
        try (DemoTarget target = DemoTarget.start(DemoTargetOptions.defaults().withPort(0).withPoolSize(8)
                .withQueryCost(Duration.ofMillis(25)))) {
            Path file = dir.resolve("campaign.yaml");
            Files.writeString(file, manifest.replace(DemoCommand.WRITTEN_FOR, target.baseUrl()));
            Path output = dir.resolve("final.json");
            Path report = dir.resolve("run-report.md");
            int code = crescendo("run", file.toString(), "--progress", "plain", "--output", output.toString(),
                    "--report", report.toString());

            assertThat(code).as(out.toString()).isEqualTo(1); // halted: FAILED
            assertDemoOutcome(statusIn(output));
            String markdown = Files.readString(report);
            assertThat(markdown).contains("**Phase:** Halted").contains("| pool |").contains("PoolSaturation");
            assertThat(markdown).containsPattern("\\| smoke → light \\| 1 → 2 VUs \\| ×2 \\|");
            assertThat(target.lastRequestAt()).isPresent();
        }
    }
}
