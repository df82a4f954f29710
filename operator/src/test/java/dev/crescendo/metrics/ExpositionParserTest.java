package dev.crescendo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crescendo.metrics.ExpositionParser.ParseException;
import dev.crescendo.metrics.ExpositionParser.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpositionParserTest {
    @Test
    void theFormatDocumentsExample() {
        List<Sample> samples = ExpositionParser.parse("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                # Escaping in label values:
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

                # Minimalistic line:
                metric_without_timestamp_and_labels 12.47

                # A weird metric from before the epoch:
                something_weird{problem="division by zero"} +Inf -3982045

                # A histogram, which has a pretty complex representation in the text format:
                # HELP http_request_duration_seconds A histogram of the request duration.
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320

                # Finally a summary, which has a complex representation, too:
                # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
                # TYPE rpc_duration_seconds summary
                rpc_duration_seconds{quantile="0.01"} 3102
                rpc_duration_seconds{quantile="0.99"} 76656
                rpc_duration_seconds_sum 1.7560473e+07
                rpc_duration_seconds_count 2693
                """);
        assertThat(samples).hasSize(13);
        assertThat(samples.get(0)).isEqualTo(new Sample("http_requests_total", Map.of("method", "post", "code", "200"),
                1027, 1395066363000L));
        assertThat(samples.get(0).labels().keySet()).containsExactly("method", "code");
        assertThat(samples.get(1).value()).isEqualTo(3);
        assertThat(samples.get(2).labels()).hasSize(2).containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(samples.get(2).value()).isEqualTo(1.458255915e9);
        assertThat(samples.get(3)).isEqualTo(new Sample("metric_without_timestamp_and_labels", Map.of(), 12.47, null));
        assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(4).timestampMillis()).isEqualTo(-3982045L);
        assertThat(samples.get(6).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(7).name()).isEqualTo("http_request_duration_seconds_sum");
        assertThat(samples.get(11).value()).isEqualTo(1.7560473e+07);
        assertThat(samples.get(12)).isEqualTo(new Sample("rpc_duration_seconds_count", Map.of(), 2693, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NaN|NaN", "nan|NaN", "+Inf|Infinity", "-Inf|-Infinity", "Inf|Infinity", "+inf|Infinity",
            "1e3|1000", "1E-3|0.001", "-2.5e+2|-250", "+7|7", "0|0", "-0|-0.0", ".5|0.5", "5.|5",
            "1.7976931348623157e308|1.7976931348623157E308", "123456789012345678901234567890|1.2345678901234568E29"})
    void numbers(String text, double expected) {
        assertThat(Double.valueOf(ExpositionParser.parseFloat(text))).isEqualTo(Double.valueOf(expected));
        assertThat(Double.valueOf(ExpositionParser.parse("m " + text).get(0).value())).isEqualTo(Double.valueOf(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1d", "2f", "abc", "1e", "0x1p3", "Infinit", "1,5", "--1", "1..2"})
    void notNumbers(String text) {
        assertThatThrownBy(() -> ExpositionParser.parseFloat(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void namesWithColonsAndUnderscores() {
        List<Sample> s = ExpositionParser.parse("""
                job:request_latency_seconds:mean5m{job="api"} 0.25
                _private_metric 1
                :leading_colon 2
                a1_b2__c3 3
                """);
        assertThat(s).extracting(Sample::name)
                .containsExactly("job:request_latency_seconds:mean5m", "_private_metric", ":leading_colon", "a1_b2__c3");
    }

    @Test
    void labelSetsInAllTheirForms() {
        List<Sample> s = ExpositionParser.parse("""
                a{} 1
                b{x="1",} 2
                c { x = "1" , y="2" } 3
                d{x=""} 4
                e{x="}{,=# \\t"} 5
                f{x="a\\\\"} 6
                g{x="\\q\\""} 7
                h{x="ünïcödé ✓"} 8
                i{_under="1",camelCase="2"} 9
                j{x="1"}10
                """);
        assertThat(s.get(0).labels()).isEmpty();
        assertThat(s.get(1).labels()).isEqualTo(Map.of("x", "1"));
        assertThat(s.get(2).labels()).isEqualTo(Map.of("x", "1", "y", "2"));
        assertThat(s.get(2).value()).isEqualTo(3);
        assertThat(s.get(3).labels()).isEqualTo(Map.of("x", ""));
        assertThat(s.get(4).labels()).isEqualTo(Map.of("x", "}{,=# \\t"));
        assertThat(s.get(5).labels()).isEqualTo(Map.of("x", "a\\"));
        assertThat(s.get(6).labels()).as("unknown escapes are kept as written").isEqualTo(Map.of("x", "\\q\""));
        assertThat(s.get(7).labels()).isEqualTo(Map.of("x", "ünïcödé ✓"));
        assertThat(s.get(8).labels()).containsOnlyKeys("_under", "camelCase");
        assertThat(s.get(9).value()).isEqualTo(10);
    }

    @Test
    void blankLinesTabsCrlfCommentsAndLeadingBlanks() {
        List<Sample> s = ExpositionParser.parse("\uFEFF# just a comment\r\n\r\n\t \n  up\t1\r\n#\n# TYPE  up  gauge\n"
                + "# HELP up\n# UNIT up seconds\nup2 2\t \n");
        assertThat(s).extracting(Sample::name).containsExactly("up", "up2");
        assertThat(s).extracting(Sample::value).containsExactly(1.0, 2.0);
    }

    @Test
    void openMetricsTextWithEofExemplarsAndSecondTimestamps() {
        List<Sample> s = ExpositionParser.parse("""
                # TYPE acme_http_router_request_seconds summary
                # UNIT acme_http_router_request_seconds seconds
                acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
                # TYPE foo histogram
                foo_bucket{le="0.1"} 8 # {trace_id="KOO5S4vxi0o"} 0.67
                foo_bucket{le="+Inf"} 17 1520879607.789 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
                # TYPE info_metric info
                info_metric_info{version="1.2"} 1
                # EOF
                this line is after the end and not parsed {
                """);
        assertThat(s).hasSize(4);
        assertThat(s.get(1).value()).isEqualTo(8);
        assertThat(s.get(2).timestampMillis()).isEqualTo(1520879607789L);
    }

    @Test
    void quotedUtf8NamesInsideTheBraces() {
        List<Sample> s = ExpositionParser.parse("""
                {"my.dotted.metric", "label.with.dots"="v", plain="p"} 3
                {"only.name"} 4
                """);
        assertThat(s.get(0).name()).isEqualTo("my.dotted.metric");
        assertThat(s.get(0).labels()).isEqualTo(Map.of("label.with.dots", "v", "plain", "p"));
        assertThat(s.get(1)).isEqualTo(new Sample("only.name", Map.of(), 4, null));
    }

    @Test
    void emptyTextHasNoSamples() {
        assertThat(ExpositionParser.parse("")).isEmpty();
        assertThat(ExpositionParser.parse("\n\n# EOF\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`ok 1\nbad-name 1`|2|invalid character '-' in metric name",
            "`no_value`|1|missing value",
            "`no_value{a=\"b\"}`|1|missing value",
            "`m abc`|1|value 'abc' is not a number",
            "`m 1 2 3`|1|unexpected text after the value",
            "`m 1 notatime`|1|timestamp 'notatime' is not a number",
            "`m{a=\"b\" 1`|1|expected ',' or '}'",
            "`m{a=\"b\"`|1|unterminated label set",
            "`m{a=\"b} 1`|1|unterminated quoted string",
            "`m{a=b} 1`|1|the value must be in double quotes",
            "`m{a} 1`|1|expected '=' after label a",
            "`m{1a=\"b\"} 1`|1|expected a label name",
            "`m{a=\"1\",a=\"2\"} 1`|1|appears twice",
            "`{a=\"b\"} 1`|1|expected a metric name",
            "`m{\"x\",a=\"1\"} 1`|1|already has a name",
            "`<html><body>nope</body></html>`|1|expected a metric name",
            "`# TYPE m histogrammy`|1|unknown metric type 'histogrammy'",
            "`# TYPE m`|1|needs a metric name and a type",
            "`# HELP`|1|a HELP line needs a metric name",
            "`{\"unterminated`|1|unterminated quoted string"})
    void malformedLinesAreRejectedWithTheLine(String text, int line, String problem) {
        assertThatThrownBy(() -> ExpositionParser.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("line " + line + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(line));
    }

    @Test
    void theStreamingFormStopsAtTheFirstBadLine() {
        List<String> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> ExpositionParser.parse("a 1\nb 2\nc\nd 4\n", s -> seen.add(s.name())))
                .hasMessageContaining("line 3");
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void metricNames() {
        assertThat(ExpositionParser.isMetricName("hikaricp_connections_active")).isTrue();
        assertThat(ExpositionParser.isMetricName("a:b")).isTrue();
        assertThat(ExpositionParser.isMetricName("1a")).isFalse();
        assertThat(ExpositionParser.isMetricName("rate(x[1m])")).isFalse();
        assertThat(ExpositionParser.isMetricName("")).isFalse();
    }
}
