package dev.crescendo.api;

import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The stage pods: image (default: the operator's own) and resources (defaults set by the operator). */
public record LoadGeneratorSpec(String image, ResourceRequirements resources) {}
