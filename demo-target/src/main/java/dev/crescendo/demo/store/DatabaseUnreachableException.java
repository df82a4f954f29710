package dev.crescendo.demo.store;

import java.sql.SQLTransientConnectionException;

/** No connection within the pool timeout because the pool could not (re)connect to the database. */
public final class DatabaseUnreachableException extends SQLTransientConnectionException {
    public DatabaseUnreachableException(SQLTransientConnectionException poolTimeout) {
        super(describe(poolTimeout), poolTimeout.getSQLState(), poolTimeout.getErrorCode(), poolTimeout);
    }

    /** The last failure to connect says why, when the pool has seen one; else the pool's own message. */
    private static String describe(SQLTransientConnectionException poolTimeout) {
        Throwable connectFailure = poolTimeout.getCause();
        return connectFailure != null && connectFailure.getMessage() != null ? connectFailure.getMessage() : poolTimeout.getMessage();
    }
}
