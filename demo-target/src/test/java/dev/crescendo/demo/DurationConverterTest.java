package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsMillisecondsSecondsAndMinutes() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(converter.convert("0")).isZero();
    }

    @Test
    void rejectsNumbersWithoutAUnitAndOtherText() {
        for (String bad : new String[] {"20", "fast", "2 s", "-5ms", ""}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("invalid duration");
        }
    }
}
