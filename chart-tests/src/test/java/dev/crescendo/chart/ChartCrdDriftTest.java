package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm installs the files of a chart's crds/ before anything else and never templates them: the chart
 * carries the generated CRD itself, which must be exactly the repository's crds/ (operator's CrdDriftTest
 * keeps that one equal to what the api classes generate).
 */
class ChartCrdDriftTest {
    static final Path REPO_CRDS = Charts.REPO.resolve("crds");
    static final Path CHART_CRDS = Charts.CHART.resolve("crds");

    @Test
    void chartCarriesTheSameCrdFilesAsTheRepository() throws Exception {
        assertThat(names(CHART_CRDS)).as("helm/crescendo/crds/ holds other files than crds/: run ./dev crds")
                .isEqualTo(names(REPO_CRDS))
                .isNotEmpty();
    }

    @Test
    void everyChartCrdEqualsTheRepositoryCrdByteForByte() throws Exception {
        for (String name : names(REPO_CRDS)) {
            byte[] repo = Files.readAllBytes(REPO_CRDS.resolve(name));
            byte[] chart = Files.readAllBytes(CHART_CRDS.resolve(name));
            assertThat(Arrays.equals(chart, repo))
                    .as("helm/crescendo/crds/%s differs from crds/%s: run ./dev crds and commit the result", name, name)
                    .isTrue();
        }
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
