package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.crescendo.campaign.CapacityModel.StagePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityModelTest {

    @Test
    void report001SmokeAndLightScaleLinearlyAndThePoolLastsToAboutFiveHundredVus() {
        // Smoke 5 VUs: 9.8 req/s, p95 22 ms, pool 0.45/50; light 20 VUs: 39.1 req/s, p95 26 ms, pool 2/50.
        var c = CapacityModel.analyse(List.of(
                new StagePoint("smoke", 5, "VUs", 9.8, 22.0, true, 0.45 / 50),
                new StagePoint("light", 20, "VUs", 39.1, 26.0, true, 2.0 / 50)));
        assertThat(c.linearThrough()).isEqualTo("light");
        assertThat(c.efficiency()).containsExactly(1.0, 0.997);
        assertThat(c.latencyGrowth()).isEqualTo(1.18);
        // The report estimated 500 VUs from the light stage alone; the line through both points says ~485.
        assertThat(c.poolFullAt()).isCloseTo(485.0, within(5.0));
        assertThat(c.lastPassedStage()).isEqualTo("light");
        assertThat(c.firstFailedStage()).isNull();
        assertThat(c.summary()).contains("throughput scaled linearly through light (4.0× the load of smoke gave 4.0× the throughput, 100% efficient)")
                .contains("the connection pool would be full at about 485 VUs");
    }

    @Test
    void aSingleMeasuredPoolPointIsExtrapolatedProportionally() {
        var c = CapacityModel.analyse(List.of(new StagePoint("light", 20, "VUs", 39.1, 26.0, true, 0.04)));
        assertThat(c.poolFullAt()).isEqualTo(500.0);
    }

    @Test
    void saturationShowsAsFallingEfficiencyAndNamesTheFirstFailedStage() {
        var c = CapacityModel.analyse(List.of(
                new StagePoint("smoke", 10, "VUs", 100, 10.0, true, null),
                new StagePoint("light", 20, "VUs", 196, 11.0, true, null),
                new StagePoint("medium", 50, "VUs", 300, 60.0, false, null),
                new StagePoint("peak", 100, "VUs", 310, 400.0, false, null)));
        assertThat(c.linearThrough()).isEqualTo("light");
        assertThat(c.efficiency()).containsExactly(1.0, 0.98, 0.6, 0.31);
        assertThat(c.lastPassedStage()).isEqualTo("light");
        assertThat(c.firstFailedStage()).isEqualTo("medium");
        assertThat(c.latencyGrowth()).isEqualTo(40.0);
        assertThat(c.summary()).contains("at medium it was 60% efficient").contains("first failed: medium");
        assertThat(c.poolFullAt()).isNull();
    }

    @Test
    void openModelStagesAreNotComparedWithClosedOnes() {
        var c = CapacityModel.analyse(List.of(
                new StagePoint("warm", 10, "VUs", 100, 10.0, true, null),
                new StagePoint("peak", 400, "req/s", 398, 15.0, true, null)));
        assertThat(c.efficiency()).containsExactly(1.0, null);
        assertThat(c.linearThrough()).isEqualTo("warm");
    }

    @Test
    void aFlatOrFallingPoolLineGivesNoEstimate() {
        assertThat(CapacityModel.poolFullAt(List.of(new StagePoint("a", 10, "VUs", 1, 1.0, true, 0.2),
                new StagePoint("b", 20, "VUs", 1, 1.0, true, 0.2)))).isNull();
    }

    @Test
    void aSaturatedStageBoundsThePoolEstimateInsteadOfBendingTheLine() {
        // 2 VUs used 10 % of the pool; at 32 VUs it was full: proportional says 20 VUs, below 32.
        assertThat(CapacityModel.poolFullAt(List.of(new StagePoint("light", 2, "VUs", 70, 30.0, true, 0.1),
                new StagePoint("heavy", 32, "VUs", 160, 250.0, false, 1.0)))).isEqualTo(20.0);
        // 2 VUs used 1 %: proportional says 200 VUs, but the pool was measured full at 32.
        assertThat(CapacityModel.poolFullAt(List.of(new StagePoint("light", 2, "VUs", 70, 30.0, true, 0.01),
                new StagePoint("heavy", 32, "VUs", 160, 250.0, false, 0.97)))).isEqualTo(32.0);
        // Only a saturated stage: full at or below its load.
        assertThat(CapacityModel.poolFullAt(List.of(new StagePoint("heavy", 32, "VUs", 160, 250.0, false, 1.0))))
                .isEqualTo(32.0);
    }
}
