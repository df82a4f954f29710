package dev.crescendo.demo.http;

import dev.crescendo.demo.store.DatabaseUnreachableException;
import dev.crescendo.demo.store.H2ConnectionLossOverride;
import dev.crescendo.demo.store.PoolExhaustedException;
import java.sql.SQLException;

/** A request that ends with an error status and {@code {"error": message}}. */
public final class ApiException extends Exception {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** What a failed database call means for the client: 503 when the database cannot serve, else 500. */
    public static ApiException database(SQLException e) {
        if (e instanceof PoolExhaustedException) {
            return new ApiException(503, "database connection pool exhausted: " + firstLine(e.getMessage()));
        }
        if (e instanceof DatabaseUnreachableException) {
            return new ApiException(503, "database unreachable: " + firstLine(e.getMessage()));
        }
        if (H2ConnectionLossOverride.isConnectionLoss(e)) {
            return new ApiException(503, "database unreachable: the connection was lost (" + firstLine(e.getMessage()) + ")");
        }
        return new ApiException(500, "database error: " + firstLine(e.getMessage()));
    }

    public int status() {
        return status;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).strip();
    }
}
