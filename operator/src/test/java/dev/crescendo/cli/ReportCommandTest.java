package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code crescendo report FILE}: Markdown on stdout or in a file; exit 2 and the cause on stderr for a bad FILE. */
class ReportCommandTest {
    static final String REPORTS = "src/test/resources/reports/";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheReportOnStdout() {
        assertThat(run("report", REPORTS + "halted-pool.yaml")).isZero();
        assertThat(out.toString()).startsWith("# Load campaign chat-progressive\n").contains("## Breach").endsWith("\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void writesTheReportToOutput() {
        Path md = dir.resolve("out/report.md");
        assertThat(run("report", REPORTS + "report-001.yaml", "--output", md.toString())).isZero();
        assertThat(md).content().startsWith("# Load campaign chat-progressive\n").contains("| smoke → light | 5 → 20 VUs | ×4 | ×3.99 | ×1.18 |");
        assertThat(out.toString()).isEqualTo("report written to " + md + "\n");
    }

    @Test
    void aMissingFileExitsWith2AndIsNamed() {
        assertThat(run("report", REPORTS + "nope.yaml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(REPORTS + "nope.yaml: no such file\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileThatIsNotALoadCampaignExitsWith2AndSaysWhatItIs() {
        assertThat(run("report", REPORTS + "configmap.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("configmap.yaml: expected a crescendo.dev/v1alpha1 LoadCampaign, got v1 ConfigMap");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCampaignThatHasNotRunExitsWith2() {
        assertThat(run("report", REPORTS + "no-status.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("no-status.yaml: the LoadCampaign has no status");
    }

    @Test
    void anUnwritableOutputExitsWith1() {
        // A directory cannot be written as a file.
        assertThat(run("report", REPORTS + "report-001.yaml", "--output", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(dir + ": cannot write the report");
    }

    @Test
    void isListedAmongTheSubCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("report");
        assertThat(run("report")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }
}
