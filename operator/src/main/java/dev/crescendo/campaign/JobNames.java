package dev.crescendo.campaign;

/** Deterministic Job names, so a restarted operator finds a stage's Job instead of starting a second. */
public final class JobNames {
    private JobNames() {}

    public static String of(String campaign, int run, String stage) {
        return campaign + "-r" + run + "-" + stage;
    }
}
