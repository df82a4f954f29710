package dev.crescendo.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A progressive load-test campaign (DESIGN §2). The CRD in {@code crds/} is generated from this class. */
@Group(LoadCampaign.GROUP)
@Version(LoadCampaign.VERSION)
@ShortNames("lc")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict")
@AdditionalPrinterColumn(name = "Stage", jsonPath = ".status.currentStage")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class LoadCampaign extends CustomResource<LoadCampaignSpec, LoadCampaignStatus> implements Namespaced {
    public static final String GROUP = "crescendo.dev";
    public static final String VERSION = "v1alpha1";
}
