package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CrescendoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void listsItsSubCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("loadgen").contains("demo-target").contains("Progressive load-test campaigns");
    }

    @Test
    void badOptionsOfASubCommandExitWith2AndNameTheOption() {
        assertThat(run("loadgen", "--url", "http://127.0.0.1:1/", "--vus", "many", "--duration", "1s")).isEqualTo(2);
        assertThat(err.toString()).contains("crescendo loadgen:").contains("--vus").contains("'many'");
    }

    @Test
    void badDemoTargetOptionsExitWith2AndNameTheOption() {
        assertThat(run("demo-target", "--pool-timeout", "100ms")).isEqualTo(2);
        assertThat(err.toString()).contains("crescendo demo-target:").contains("--pool-timeout").contains("250ms");
    }

    @Test
    void unknownSubCommandExitsWith2() {
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err.toString()).contains("launch");
    }

    @Test
    void missingLoadOptionsAreNamed() {
        assertThat(run("loadgen", "--url", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--vus N").contains("--rate R").contains("--duration: required");
    }
}
