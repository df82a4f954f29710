package dev.crescendo.demo.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

/**
 * The chat database: an in-memory H2 database, served by H2's TCP server on 127.0.0.1 and used through
 * a HikariCP pool over that TCP link, the way a service talks to its database server.
 *
 * <p>{@link #reachable(boolean) reachable(false)} stops the TCP server: pooled connections break and
 * new ones are refused, as in a database outage, while the data stays in memory. {@code reachable(true)}
 * serves it again on the same port and the pool reconnects by itself.
 */
public final class Database implements AutoCloseable {
    public static final String POOL_NAME = "demo";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // H2's TCP server listens on every interface unless told otherwise (a JVM-wide setting, read
        // once); the demo target is for loopback only.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final String name;
    private final int maxConnections;
    private final HikariDataSource pool;
    private final PoolSaturationClock saturation;
    private final int tcpPort;
    private Server tcpServer; // null while unreachable; guarded by this

    private Database(String name, int maxConnections, HikariDataSource pool, PoolSaturationClock saturation, Server tcpServer) {
        this.name = name;
        this.maxConnections = maxConnections;
        this.pool = pool;
        this.saturation = saturation;
        this.tcpServer = tcpServer;
        this.tcpPort = tcpServer.getPort();
    }

    /** Creates the database and its schema, serves it over TCP and fills the pool. */
    public static Database start(int poolSize, Duration poolTimeout, MeterRegistry registry, PoolSaturationClock saturation)
            throws SQLException {
        String name = "crescendo-demo-" + INSTANCES.incrementAndGet();
        // DB_CLOSE_DELAY=-1: the database lives until SHUTDOWN, not until its last connection closes
        // (the pool's connections all close while it is unreachable).
        try (Connection c = embedded(name + ";DB_CLOSE_DELAY=-1")) {
            MessageStore.createSchema(c);
        }
        Server tcp = null;
        try {
            tcp = startTcpServer(0);
            HikariDataSource pool = new HikariDataSource(poolConfig(name, tcp.getPort(), poolSize, poolTimeout, registry));
            return new Database(name, poolSize, pool, saturation, tcp);
        } catch (SQLException | RuntimeException e) {
            if (tcp != null) {
                tcp.stop();
            }
            shutdown(name);
            throw e;
        }
    }

    private static HikariConfig poolConfig(String name, int port, int poolSize, Duration poolTimeout, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setDriverClassName(org.h2.Driver.class.getName());
        config.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name);
        config.setUsername("sa");
        config.setPassword("");
        // A fixed-size pool, like most production services: saturation shows as pending requests.
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setConnectionTimeout(poolTimeout.toMillis());
        config.setValidationTimeout(Math.min(1000, poolTimeout.toMillis()));
        config.setExceptionOverride(new H2ConnectionLossOverride());
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return config;
    }

    private static Server startTcpServer(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-tcpDaemon").start();
    }

    private static Connection embedded(String nameAndSettings) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + nameAndSettings);
        ds.setUser("sa");
        return ds.getConnection();
    }

    /**
     * A pooled connection, waiting up to the pool timeout for one; close it to give it back.
     *
     * @throws PoolExhaustedException       when every connection stayed busy for the whole timeout
     * @throws DatabaseUnreachableException when the pool could not connect to the database in time
     */
    public Connection connection() throws SQLException {
        HikariPoolMXBean stats = pool.getHikariPoolMXBean();
        // Every connection is checked out, so this request will queue: saturation. Read just before
        // asking; a race with a connection coming back only moves the moment by that much.
        if (stats.getIdleConnections() == 0 && stats.getActiveConnections() >= maxConnections) {
            saturation.saturated();
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException timeout) {
            // HikariCP times out alike whether all connections were busy or none could be made. A fixed
            // pool below its size that has not seen a connect failure yet is still connecting (H2
            // retries a refused connect for up to 2s), so that is the database too, not exhaustion.
            boolean exhausted = timeout.getCause() == null && stats.getTotalConnections() >= maxConnections;
            throw exhausted ? new PoolExhaustedException(timeout) : new DatabaseUnreachableException(timeout);
        }
    }

    /** Serves the database over TCP again ({@code true}) or stops serving it ({@code false}). */
    public synchronized void reachable(boolean reachable) throws SQLException {
        if (reachable && tcpServer == null) {
            tcpServer = startTcpServer(tcpPort);
        } else if (!reachable && tcpServer != null) {
            tcpServer.stop();
            tcpServer = null;
        }
    }

    public synchronized boolean isReachable() {
        return tcpServer != null;
    }

    @Override
    public void close() {
        pool.close();
        synchronized (this) {
            if (tcpServer != null) {
                tcpServer.stop();
                tcpServer = null;
            }
        }
        shutdown(name);
    }

    /** Drops the in-memory database (DB_CLOSE_DELAY=-1 would otherwise keep it for the JVM's life). */
    private static void shutdown(String name) {
        try (Connection c = embedded(name + ";IFEXISTS=TRUE"); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException alreadyGone) {
            // Nothing left to free.
        }
    }
}
