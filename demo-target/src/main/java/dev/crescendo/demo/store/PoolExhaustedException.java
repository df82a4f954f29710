package dev.crescendo.demo.store;

import java.sql.SQLTransientConnectionException;

/** No pooled connection came free within the pool timeout: every connection was busy the whole time. */
public final class PoolExhaustedException extends SQLTransientConnectionException {
    public PoolExhaustedException(SQLTransientConnectionException poolTimeout) {
        super(poolTimeout.getMessage(), poolTimeout.getSQLState(), poolTimeout.getErrorCode(), poolTimeout);
    }
}
