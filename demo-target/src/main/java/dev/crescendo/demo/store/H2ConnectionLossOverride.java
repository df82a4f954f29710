package dev.crescendo.demo.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/**
 * Tells HikariCP which H2 errors mean the connection is gone. H2 reports a broken TCP connection with
 * its own SQL states (90067, ...) instead of the standard 08xxx that HikariCP looks for, so without
 * this a dead connection would go back into the pool after the database became unreachable.
 */
public final class H2ConnectionLossOverride implements SQLExceptionOverride {
    @java.lang.Override // the interface's nested enum Override shadows the annotation's simple name
    public Override adjudicate(SQLException e) {
        return isConnectionLoss(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

    /** The database went away under this connection (as opposed to a bad statement). */
    public static boolean isConnectionLoss(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN -> true;
            default -> false;
        };
    }
}
