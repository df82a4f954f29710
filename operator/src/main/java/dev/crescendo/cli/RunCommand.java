package dev.crescendo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.local.LocalCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crescendo run FILE}: the operator, unchanged, against an embedded Kubernetes API with a
 * local job runner (DESIGN §7): preflight, stages as Jobs, results from termination messages.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a LoadCampaign on this machine, without a cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:PASSED or MARGINAL", "1:FAILED, halted or INCONCLUSIVE",
            "2:invalid manifest, or the preflight check failed"})
public final class RunCommand implements Callable<Integer> {
    static final Set<Phase> FINAL = Set.of(Phase.Succeeded, Phase.Failed, Phase.Halted, Phase.Invalid);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A LoadCampaign manifest (YAML or JSON).")
    Path file;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the final LoadCampaign, status included (.json or .yaml).")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadCampaign campaign;
        try {
            List<ManifestReader.Manifest> manifests = ManifestReader.read(file);
            if (manifests.size() != 1) {
                throw new ConfigException(file + ": holds " + manifests.size() + " documents; run one campaign at a time");
            }
            ManifestReader.Manifest m = manifests.get(0);
            if (!m.valid()) {
                out.println(file + ": " + m.describe() + " is invalid");
                m.problems().forEach(p -> out.println("  " + p));
                out.flush();
                return LoadgenCommand.EXIT_INVALID;
            }
            campaign = m.campaign();
        } catch (ConfigException e) {
            out.println(e.getMessage());
            out.flush();
            return LoadgenCommand.EXIT_INVALID;
        }
        if (campaign.getMetadata().getNamespace() == null) {
            campaign.getMetadata().setNamespace("default");
        }
        String ns = campaign.getMetadata().getNamespace();
        String name = campaign.getMetadata().getName();
        LoadCampaign last;
        try (LocalCluster cluster = new LocalCluster(snapshot -> progress(out, snapshot))) {
            cluster.ensureNamespace(ns);
            cluster.client().resource(campaign).create();
            out.printf("campaign %s/%s: %d stages against %s%n", ns, name, campaign.getSpec().stages().size(),
                    campaign.getSpec().target().baseUrl());
            last = follow(cluster, ns, name, out);
        }
        LoadCampaignStatus status = last.getStatus();
        VerdictTable.print(out, last);
        if (output != null) {
            write(output, last);
            out.println("final LoadCampaign written to " + output);
        }
        out.flush();
        return exitCode(status);
    }

    private LoadCampaign follow(LocalCluster cluster, String ns, String name, PrintWriter out) throws InterruptedException {
        String said = "";
        while (true) {
            LoadCampaign c = cluster.get(ns, name);
            LoadCampaignStatus s = c.getStatus();
            if (s != null && s.message() != null && !s.message().equals(said)) {
                said = s.message();
                out.printf("[%s] %s%n", s.phase(), said);
                out.flush();
            }
            if (s != null && s.phase() != null && FINAL.contains(s.phase())) {
                return c;
            }
            Thread.sleep(200); // a CLI following a status, not a test waiting on a condition
        }
    }

    /** The stage and 5-second step of the last progress line: the generator ticks several times a second. */
    private final java.util.concurrent.atomic.AtomicReference<String> lastProgress = new java.util.concurrent.atomic.AtomicReference<>();

    private void progress(PrintWriter out, LiveSnapshot s) {
        String step = s.stage() + "/" + ((long) s.elapsedSeconds()) / 5;
        if (step.equals(lastProgress.getAndSet(step))) {
            return;
        }
        LiveSnapshot.Totals w = s.window();
        double p95 = w.operations().values().stream().filter(o -> o.p95Ms() != null).mapToDouble(o -> o.p95Ms()).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "  %-10s %4.0fs/%.0fs  vus %d  %8.1f req/s  p95 %s  errors %s%n", s.stage(), s.elapsedSeconds(),
                s.durationSeconds(), s.activeVus(), w.throughputPerSecond(),
                Double.isNaN(p95) ? "-" : String.format(Locale.ROOT, "%.1fms", p95),
                w.errorRate() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", w.errorRate() * 100));
        out.flush();
    }

    static int exitCode(LoadCampaignStatus s) {
        if (s.phase() == Phase.Invalid || (s.phase() == Phase.Failed && s.preflight() != null
                && Boolean.FALSE.equals(s.preflight().passed()))) {
            return 2;
        }
        return s.phase() == Phase.Succeeded ? 0 : 1;
    }

    private static void write(Path file, LoadCampaign c) throws java.io.IOException {
        ObjectMapper mapper = file.toString().endsWith(".json")
                ? Serialization.jsonMapper().copy().enable(SerializationFeature.INDENT_OUTPUT) : new YAMLMapper();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, mapper.writeValueAsString(c));
    }
}
