package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat API over real HTTP on loopback: messages, history paging with real cursors, errors. */
class ConversationApiIT {
    private static final String MESSAGES = "/api/v1/conversations/%s/messages";
    static DemoTarget target;
    static DemoClient client;

    @BeforeAll
    static void start() throws Exception {
        target = DemoTarget.start(DemoTargetOptions.defaults());
        client = new DemoClient(target.baseUrl());
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static DemoClient.Reply post(String conversation, String body) throws Exception {
        return client.post(MESSAGES.formatted(conversation), body);
    }

    private static DemoClient.Reply history(String conversation, String query) throws Exception {
        return client.get(MESSAGES.formatted(conversation) + query);
    }

    @Test
    void aPostedMessageComesBackWithItsIdAndTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        DemoClient.Reply reply = post("c-post", "{\"text\": \"hello\", \"author\": \"ada\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode m = reply.json();
        assertThat(m.path("id").isIntegralNumber()).isTrue();
        assertThat(m.path("conversationId").asText()).isEqualTo("c-post");
        assertThat(m.path("text").asText()).isEqualTo("hello");
        assertThat(m.path("author").asText()).isEqualTo("ada");
        assertThat(Instant.parse(m.path("createdAt").asText())).isBetween(before, Instant.now().plusSeconds(1));

        JsonNode anonymous = post("c-post", "{\"text\": \"no author\"}").json();
        assertThat(anonymous.has("author")).isTrue();
        assertThat(anonymous.path("author").isNull()).isTrue();
        assertThat(anonymous.path("id").asLong()).isGreaterThan(m.path("id").asLong());
    }

    @Test
    void theCursorChainReturnsEveryMessageOnceNewestFirst() throws Exception {
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            posted.add(post("c-page", "{\"text\": \"m" + i + "\"}").json().path("id").asLong());
        }
        post("c-other", "{\"text\": \"another conversation\"}");

        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String query = "?limit=10";
        for (int pages = 0; pages < 10; pages++) { // bounded: 3 pages expected
            DemoClient.Reply reply = history("c-page", query);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode page = reply.json();
            page.path("messages").forEach(m -> seen.add(m.path("id").asLong()));
            pageSizes.add(page.path("messages").size());
            if (page.path("nextCursor").isNull()) {
                break;
            }
            query = "?limit=10&cursor=" + page.path("nextCursor").asLong();
        }
        assertThat(pageSizes).containsExactly(10, 10, 3);
        assertThat(seen).isEqualTo(posted.reversed());
    }

    @Test
    void theDefaultLimitIs20AndAnEmptyCursorMeansTheNewest() throws Exception {
        for (int i = 0; i < 25; i++) {
            post("c-default", "{\"text\": \"m" + i + "\"}");
        }
        JsonNode page = history("c-default", "").json();
        assertThat(page.path("messages").size()).isEqualTo(20);
        assertThat(page.path("messages").get(0).path("text").asText()).isEqualTo("m24");
        assertThat(page.path("nextCursor").asLong()).isEqualTo(page.path("messages").get(19).path("id").asLong());
        // A scenario template like cursor=${messageId?} sends an empty cursor before it has an id.
        assertThat(history("c-default", "?limit=5&cursor=").json().path("messages").get(0).path("text").asText())
                .isEqualTo("m24");
        JsonNode empty = history("c-nobody", "").json();
        assertThat(empty.path("messages").size()).isZero();
        assertThat(empty.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aCursorThatIsNotAMessageOfTheConversationIs400NamingTheCursor() throws Exception {
        long id = post("c-cursor", "{\"text\": \"one\"}").json().path("id").asLong();
        long foreign = post("c-cursor-other", "{\"text\": \"two\"}").json().path("id").asLong();
        // Report 000: Date.now() sent as cursor.
        for (String bad : List.of("1700000000000", "abc", "-1", Long.toString(foreign), "1.5")) {
            DemoClient.Reply reply = history("c-cursor", "?cursor=" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("cursor must be the id of a message in conversation c-cursor; got '" + bad + "'");
        }
        assertThat(history("c-cursor", "?cursor=" + id).status()).isEqualTo(200);
    }

    @Test
    void limitMustBeFrom1To100() throws Exception {
        post("c-limit", "{\"text\": \"x\"}");
        assertThat(history("c-limit", "?limit=1").status()).isEqualTo(200);
        assertThat(history("c-limit", "?limit=100").status()).isEqualTo(200);
        for (String bad : List.of("0", "101", "-3", "ten")) {
            DemoClient.Reply reply = history("c-limit", "?limit=" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("limit must be an integer from 1 to 100; got '" + bad + "'");
        }
    }

    @Test
    void aBadBodyIs400NamingText() throws Exception {
        assertThat(post("c-bad", "{\"author\": \"ada\"}").error()).startsWith("text is required");
        assertThat(post("c-bad", "{\"text\": null}").error()).startsWith("text is required");
        assertThat(post("c-bad", "{\"text\": \"   \"}").error()).isEqualTo("text must not be blank");
        assertThat(post("c-bad", "{\"text\": 42}").error()).isEqualTo("text must be a string; got number");
        assertThat(post("c-bad", "{\"text\": \"hi\", \"author\": 7}").error()).startsWith("author must be a string");
        DemoClient.Reply invalid = post("c-bad", "{\"text\": ");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).startsWith("request body is not valid JSON").contains("\"text\"");
        assertThat(post("c-bad", "").error()).startsWith("request body is empty").contains("\"text\"");
        assertThat(post("c-bad", "[\"hi\"]").error()).startsWith("request body must be a JSON object").contains("\"text\"");
        for (String body : List.of("{}", "{\"text\": \"\"}", "nope")) {
            assertThat(post("c-bad", body).status()).as(body).isEqualTo(400);
        }
        assertThat(history("c-bad", "").json().path("messages").size()).as("nothing was stored").isZero();
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        DemoClient.Reply missing = client.get("/api/v1/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("no such resource: GET /api/v1/nothing");
        assertThat(client.get("/api/v1/conversations//messages").status()).isEqualTo(404);

        DemoClient.Reply wrong = client.send("DELETE", MESSAGES.formatted("c1"), null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(wrong.error()).contains("DELETE").contains("GET, POST");
        assertThat(client.post("/api/v1/health", "{}").status()).isEqualTo(405);
    }

    @Test
    void healthIsOkAndMetricsLabelRequestsByTemplate() throws Exception {
        DemoClient.Reply health = client.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(health.json().path("database").asText()).isEqualTo("up");

        post("c-metrics", "{\"text\": \"x\"}");
        client.get("/nowhere/42");
        DemoClient.Reply page = client.get("/metrics");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        Scrape scrape = new Scrape(page.body());
        assertThat(scrape.value("http_server_requests_seconds_count", "method=\"POST\"",
                "uri=\"/api/v1/conversations/{id}/messages\"", "status=\"201\"")).isPositive();
        assertThat(scrape.value("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\"")).isPositive();
        assertThat(scrape.text()).doesNotContain("c-metrics").doesNotContain("/nowhere/42");
        assertThat(scrape.value("http_server_requests_seconds_bucket", "uri=\"/api/v1/conversations/{id}/messages\"",
                "le=\"+Inf\"")).isPositive();
        for (String gauge : List.of("active", "idle", "pending", "max", "min")) {
            assertThat(scrape.find("hikaricp_connections_" + gauge, "pool=\"demo\"")).as(gauge).isPresent();
        }
        assertThat(scrape.value("hikaricp_connections_max", "pool=\"demo\"")).isEqualTo(10);
        assertThat(scrape.find("hikaricp_connections_usage_seconds_count", "pool=\"demo\"")).isPresent();
        assertThat(scrape.find("hikaricp_connections_timeout_total", "pool=\"demo\"")).isPresent();
        assertThat(scrape.value("demo_last_request_timestamp_seconds"))
                .isCloseTo(target.lastRequestAt().orElseThrow().toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.002));
    }
}
