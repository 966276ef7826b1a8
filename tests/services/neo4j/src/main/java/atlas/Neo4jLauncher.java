package atlas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Test-only launcher: runs a real Neo4j Community DBMS (embedded API) with Bolt on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp ... atlas.Neo4jLauncher <home> <bolt-port> [--ignore-stdin]}
 *
 * <p>Prints {@code READY bolt://127.0.0.1:<port>} on stdout once the default database is
 * available, then blocks until stdin reaches EOF (unless {@code --ignore-stdin}) or the JVM
 * receives SIGTERM/SIGINT; either way the DBMS is shut down cleanly, so the same home can be
 * reused by the next start. The user log goes to stderr; the debug log to {@code <home>/logs}.
 */
public final class Neo4jLauncher {
    private static final long MIB = 1024L * 1024L;
    private static final long AVAILABLE_TIMEOUT_MS = 120_000L;

    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms;
    private static Log4jLogProvider userLog;
    private static boolean stopped;

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !"--ignore-stdin".equals(args[2]))) {
            System.err.println("usage: atlas.Neo4jLauncher <home> <bolt-port> [--ignore-stdin]");
            System.exit(2);
            return;
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        boolean watchStdin = args.length == 2;
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        userLog = new Log4jLogProvider(System.err, Level.INFO);
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                // Network: Bolt only, loopback only, plaintext, no auth.
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Modest footprint: small page cache, small non-preallocated transaction logs.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256 * MIB)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16 * MIB)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // No phoning home from a test fixture.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Fast stop: Netty's graceful shutdown otherwise idles 5 s per event-loop group.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();
        synchronized (LOCK) {
            dbms = service;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLauncher::shutdown, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(AVAILABLE_TIMEOUT_MS)) {
            System.err.println("Neo4jLauncher: default database not available after "
                    + AVAILABLE_TIMEOUT_MS + " ms");
            shutdown();
            System.exit(1);
            return;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        System.err.println("Neo4jLauncher: started in " + ms + " ms, home=" + home);
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (watchStdin) {
            drain(System.in);
            System.err.println("Neo4jLauncher: stdin closed, shutting down");
            shutdown();
            System.exit(0);
        } else {
            new CountDownLatch(1).await(); // until SIGTERM/SIGINT runs the shutdown hook
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[1024];
        try {
            while (in.read(buf) >= 0) {
                // ignore input; only EOF matters
            }
        } catch (IOException e) {
            // a broken stdin counts as closed
        }
    }

    /** Idempotent; a concurrent caller (e.g. the shutdown hook) waits until shutdown finished. */
    private static void shutdown() {
        synchronized (LOCK) {
            if (stopped || dbms == null) {
                return;
            }
            stopped = true;
            long t0 = System.nanoTime();
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                System.err.println("Neo4jLauncher: error during shutdown: " + e);
            }
            System.err.println("Neo4jLauncher: stopped in " + (System.nanoTime() - t0) / 1_000_000L + " ms");
            System.err.flush();
            if (userLog != null) {
                userLog.close();
            }
        }
    }
}
