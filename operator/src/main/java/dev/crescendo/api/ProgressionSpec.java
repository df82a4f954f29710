package dev.crescendo.api;

import io.fabric8.generator.annotation.ValidationRule;

/**
 * {@code Automatic}: each stage starts when the previous one passed. {@code Manual}: the campaign
 * waits in {@code AwaitingApproval} after each stage until {@code approvedThrough} names a stage at
 * or after the next one (a GitOps gate: bump it in Git to let the campaign go on).
 */
@ValidationRule(value = "self.mode != 'Automatic' || !has(self.approvedThrough)",
        message = "approvedThrough applies to mode Manual only")
public record ProgressionSpec(Mode mode, String approvedThrough) {
    public enum Mode { Automatic, Manual }
}
