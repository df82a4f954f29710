package dev.crescendo.loadgen.threshold;

/** A threshold's value over some interval, formatted for people ("22.4ms", "0.52%"), and its verdict. */
public record ThresholdResult(String name, String observed, String fail, Verdict verdict) {}
