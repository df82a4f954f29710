package dev.crescendo.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DemoTarget} runs.
 *
 * @param port        TCP port on 127.0.0.1; 0 picks a free one
 * @param poolSize    database connections in the HikariCP pool (a fixed-size pool)
 * @param poolTimeout how long a request waits for a pooled connection before it is answered 503;
 *                    HikariCP does not accept less than 250ms
 * @param queryCost   extra time each request holds its pooled connection after its queries ran,
 *                    standing in for a slow query; 0 = the real (sub-millisecond) H2 cost only
 */
public record DemoTargetOptions(int port, int poolSize, Duration poolTimeout, Duration queryCost) {
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(2);
    /** HikariCP's floor for connectionTimeout; below it the pool refuses the setting. */
    public static final Duration MIN_POOL_TIMEOUT = Duration.ofMillis(250);
    public static final int MAX_POOL_SIZE = 1000;

    public DemoTargetOptions {
        Objects.requireNonNull(poolTimeout, "poolTimeout");
        Objects.requireNonNull(queryCost, "queryCost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port (--port) must be from 0 to 65535; got " + port);
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("pool size (--pool-size) must be from 1 to " + MAX_POOL_SIZE + "; got " + poolSize);
        }
        if (poolTimeout.compareTo(MIN_POOL_TIMEOUT) < 0) {
            throw new IllegalArgumentException("pool timeout (--pool-timeout) must be at least 250ms (HikariCP's floor); got "
                    + poolTimeout.toMillis() + "ms");
        }
        if (queryCost.isNegative()) {
            throw new IllegalArgumentException("query cost (--query-cost) must not be negative; got " + queryCost.toMillis() + "ms");
        }
    }

    /** A free port, 10 connections, 2s pool timeout, no extra query cost. */
    public static DemoTargetOptions defaults() {
        return new DemoTargetOptions(0, DEFAULT_POOL_SIZE, DEFAULT_POOL_TIMEOUT, Duration.ZERO);
    }

    public DemoTargetOptions withPort(int newPort) {
        return new DemoTargetOptions(newPort, poolSize, poolTimeout, queryCost);
    }

    public DemoTargetOptions withPoolSize(int newPoolSize) {
        return new DemoTargetOptions(port, newPoolSize, poolTimeout, queryCost);
    }

    public DemoTargetOptions withPoolTimeout(Duration newPoolTimeout) {
        return new DemoTargetOptions(port, poolSize, newPoolTimeout, queryCost);
    }

    public DemoTargetOptions withQueryCost(Duration newQueryCost) {
        return new DemoTargetOptions(port, poolSize, poolTimeout, newQueryCost);
    }
}
