package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The database becomes unreachable for real (its TCP server stops): health says so, and recovers. */
class DatabaseOutageIT {
    private static final String MESSAGES = "/api/v1/conversations/outage/messages";

    @Test
    void healthIsDegradedWhileTheDatabaseIsUnreachableAndOkAgainAfter() throws Exception {
        try (DemoTarget target = DemoTarget.start(DemoTargetOptions.defaults().withPoolSize(3).withPoolTimeout(Duration.ofMillis(500)))) {
            DemoClient client = new DemoClient(target.baseUrl());
            assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
            long kept = client.post(MESSAGES, "{\"text\": \"before the outage\"}").json().path("id").asLong();

            target.databaseDown(true);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                DemoClient.Reply health = client.get("/api/v1/health");
                assertThat(health.status()).isEqualTo(503);
                JsonNode body = health.json();
                assertThat(body.path("status").asText()).isEqualTo("degraded");
                assertThat(body.path("database").asText()).isEqualTo("down");
                assertThat(body.path("reason").asText()).startsWith("database unreachable: ");
            });
            DemoClient.Reply post = client.post(MESSAGES, "{\"text\": \"during the outage\"}");
            assertThat(post.status()).isEqualTo(503);
            assertThat(post.error()).startsWith("database unreachable: ").doesNotContain("pool exhausted");
            // Once the pool has tried to reconnect, the reason is the refused connection itself.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(client.get("/api/v1/health").json().path("reason").asText()).contains("Connection refused"));

            target.databaseDown(false);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                DemoClient.Reply health = client.get("/api/v1/health");
                assertThat(health.status()).as(health.body()).isEqualTo(200);
                assertThat(health.json().path("database").asText()).isEqualTo("up");
            });
            // The outage cut the link, not the data.
            JsonNode history = client.get("/api/v1/conversations/outage/messages").json();
            assertThat(history.path("messages").findValuesAsText("text")).containsExactly("before the outage");
            assertThat(history.path("messages").get(0).path("id").asLong()).isEqualTo(kept);
            assertThat(client.post(MESSAGES, "{\"text\": \"after\"}").status()).isEqualTo(201);
        }
    }
}
