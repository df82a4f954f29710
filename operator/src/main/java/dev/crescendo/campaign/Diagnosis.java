package dev.crescendo.campaign;

import java.util.List;

/** The explanation of a stage that did not pass: cause, one sentence, the evidence, the error samples that show it. */
public record Diagnosis(Cause cause, String message, List<String> evidence, List<StageEvidence.Sample> errorSamples) {}
