package dev.crescendo.demo.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crescendo.demo.store.Database;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code GET /api/v1/health}: ok when a pooled connection answers {@code isValid}. It waits for a
 * connection like any request, so an exhausted pool makes the service report itself degraded, as a
 * production health check on the same pool would.
 */
public final class HealthHandler {
    private static final int VALID_WITHIN_SECONDS = 1;

    private final Database database;

    public HealthHandler(Database database) {
        this.database = database;
    }

    public Response health(Request request) {
        try (Connection c = database.connection()) {
            if (c.isValid(VALID_WITHIN_SECONDS)) {
                return Response.json(200, JsonNodeFactory.instance.objectNode().put("status", "ok").put("database", "up"));
            }
            return degraded("the pooled connection did not answer isValid within " + VALID_WITHIN_SECONDS + "s");
        } catch (SQLException e) {
            return degraded(ApiException.database(e).getMessage());
        }
    }

    private static Response degraded(String reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("status", "degraded").put("database", "down").put("reason", reason);
        return Response.json(503, body);
    }
}
