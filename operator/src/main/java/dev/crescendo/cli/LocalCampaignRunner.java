package dev.crescendo.cli;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.OperatorPolicy;
import dev.crescendo.local.LocalCluster;
import java.util.Set;

/**
 * Runs one campaign on this machine (DESIGN §7) — the real operator, the embedded API, the local job
 * runner — following its status until it ends. Shared by {@code run} and {@code demo}.
 */
final class LocalCampaignRunner {
    static final Set<Phase> FINAL = Set.of(Phase.Succeeded, Phase.Failed, Phase.Halted, Phase.Invalid);

    private LocalCampaignRunner() {}

    /** The campaign as it ended, status included. */
    static LoadCampaign run(LoadCampaign campaign, StageProgress progress, OperatorPolicy policy) throws InterruptedException {
        if (campaign.getMetadata().getNamespace() == null) {
            campaign.getMetadata().setNamespace("default");
        }
        String ns = campaign.getMetadata().getNamespace();
        String name = campaign.getMetadata().getName();
        try (LocalCluster cluster = new LocalCluster(progress::onSnapshot, policy)) {
            cluster.ensureNamespace(ns);
            cluster.client().resource(campaign).create();
            progress.line(String.format("campaign %s/%s: %d stages against %s", ns, name, campaign.getSpec().stages().size(),
                    campaign.getSpec().target().baseUrl()));
            return follow(cluster, ns, name, progress);
        } finally {
            progress.finish();
        }
    }

    private static LoadCampaign follow(LocalCluster cluster, String ns, String name, StageProgress progress)
            throws InterruptedException {
        String said = "";
        while (true) {
            LoadCampaign c = cluster.get(ns, name);
            LoadCampaignStatus s = c.getStatus();
            if (s != null && s.message() != null && !s.message().equals(said)) {
                said = s.message();
                progress.line("[" + s.phase() + "] " + said);
            }
            if (s != null && s.phase() != null && FINAL.contains(s.phase())) {
                return c;
            }
            if (s != null && s.phase() == Phase.AwaitingApproval) {
                // Nobody can move approvedThrough in a local run: stop here instead of waiting forever.
                progress.line("stopping: a local run cannot approve the next stage (raise progression.approvedThrough"
                        + " in the file, or use mode Automatic)");
                return c;
            }
            Thread.sleep(200); // a CLI following a status, not a test waiting on a condition
        }
    }
}
