package dev.crescendo.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.demo.store.DatabaseUnreachableException;
import dev.crescendo.demo.store.PoolExhaustedException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {
    private static final String TIMEOUT = "demo - Connection is not available, request timed out after 250ms (total=2, active=2, idle=0, waiting=9)";

    @Test
    void anExhaustedPoolIs503SayingSo() {
        ApiException e = ApiException.database(new PoolExhaustedException(new SQLTransientConnectionException(TIMEOUT)));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("database connection pool exhausted: " + TIMEOUT);
    }

    @Test
    void anUnreachableDatabaseIs503WithTheLastConnectFailure() {
        SQLException refused = new SQLException("Connection is broken: \"java.net.ConnectException: Connection refused\" [90067-240]\nmore",
                "90067", ErrorCode.CONNECTION_BROKEN_1, new ConnectException("Connection refused"));
        ApiException e = ApiException.database(new DatabaseUnreachableException(new SQLTransientConnectionException(TIMEOUT, "90067", refused)));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("database unreachable: Connection is broken: \"java.net.ConnectException: Connection refused\" [90067-240]");

        // Before the pool has seen a connect failure, its own timeout message is all there is.
        assertThat(ApiException.database(new DatabaseUnreachableException(new SQLTransientConnectionException(TIMEOUT))).getMessage())
                .isEqualTo("database unreachable: " + TIMEOUT);
    }

    @Test
    void aConnectionLostMidRequestIs503() {
        ApiException e = ApiException.database(new SQLException("Database is already closed", "90121", ErrorCode.DATABASE_CALLED_AT_SHUTDOWN));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("database unreachable: the connection was lost (Database is already closed)");
    }

    @Test
    void otherDatabaseErrorsAre500() {
        ApiException e = ApiException.database(new SQLException("Value too long", "22001", ErrorCode.VALUE_TOO_LONG_2));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("database error: Value too long");
    }
}
