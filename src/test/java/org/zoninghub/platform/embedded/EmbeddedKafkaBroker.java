package org.zoninghub.platform.embedded;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Kafka broker of a test's own, apart from the JVM's shared one: for tests that stop and start the broker (an
 * outage) and for benchmarks. It keeps its port and log directory across {@link #stop}/{@link #start}, so clients
 * reconnect to the same address and find the same topics and records.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int partitions;
    private final Map<String, String> overrides;
    private EmbeddedKafkaServer server;

    private EmbeddedKafkaBroker(Path logDir, int port, int partitions, Map<String, String> overrides) {
        this.logDir = logDir;
        this.port = port;
        this.partitions = partitions;
        this.overrides = Map.copyOf(overrides);
    }

    /** Starts a broker on a free port with its logs in {@code logDir} (formatted when new). */
    public static EmbeddedKafkaBroker start(Path logDir, int partitions) {
        return start(logDir, partitions, Map.of());
    }

    /**
     * Starts a broker on a free port with its logs in {@code logDir} (formatted when new) and some broker settings of
     * its own, e.g. {@code auto.create.topics.enable=false}; the JVM's shared broker keeps its settings.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int partitions, Map<String, String> overrides) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, freePort(), partitions, overrides);
        broker.start();
        return broker;
    }

    /** Starts the broker again (same port, same log directory); does nothing when it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedKafkaServer.start(logDir, port, freePort(), partitions, overrides);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start on port " + port + " over " + logDir, e);
        }
    }

    /** Controlled shutdown; clients see the broker gone until {@link #start}. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No free local port", e);
        }
    }
}
