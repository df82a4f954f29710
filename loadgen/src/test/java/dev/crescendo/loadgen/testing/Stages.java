package dev.crescendo.loadgen.testing;

import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.config.ConfigLoader;
import dev.crescendo.loadgen.config.StageConfig;
import dev.crescendo.loadgen.engine.StagePlan;
import dev.crescendo.loadgen.engine.StageRun;
import dev.crescendo.loadgen.report.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs stage configs written as YAML in tests, through the same loader and validator as the CLI. */
public final class Stages {
    private Stages() {}

    public static StageConfig parse(String yaml) {
        try {
            return ConfigLoader.parse(yaml, false);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A compiled scenario from the YAML of {@code scenario:} (indented under it by this method). */
    public static dev.crescendo.loadgen.scenario.Scenario scenario(String scenarioYaml) {
        return dev.crescendo.loadgen.scenario.Scenario.compile(parse("""
                stage: {name: s, vus: 1, duration: 1s}
                target: {baseUrl: http://127.0.0.1:1}
                scenario:
                """ + scenarioYaml.indent(2)).scenario());
    }

    public static Summary run(String yaml) {
        return run(new StageRun(StagePlan.of(parse(yaml)), 2, s -> {}));
    }

    public static Summary run(StageRun run) {
        try {
            return run.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
