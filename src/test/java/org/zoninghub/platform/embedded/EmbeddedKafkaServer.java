package org.zoninghub.platform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one server), running inside this
 * JVM from the plain {@code kafka_2.13} artifact: no ZooKeeper, no test jars, no Docker.
 *
 * <p>A new log directory is formatted with {@link StorageTool#execute} (the library entry point of
 * {@code kafka-storage.sh format}; unlike {@code main} it never calls {@code System.exit}). An already formatted one
 * (it has {@code meta.properties}) is started as it is, keeping its cluster id, topics and records. The quorum is a
 * static voter set ({@code controller.quorum.voters}) rather than a dynamic one, so that the controller may listen on a
 * different random port at every start.
 *
 * <p>Settings for one node: replication factor and min ISR 1 everywhere (including the offsets and transaction
 * topics), topics created on first use with {@code partitions} partitions, records up to 16 MiB (limit 17 MiB for
 * batch overhead), no initial rebalance delay, and modest thread counts and buffers, since it shares the JVM and two
 * cores with the hub.
 */
final class EmbeddedKafkaServer implements AutoCloseable {

    /** Largest record batch the broker accepts: 16 MiB of payload plus room for batch headers. */
    static final int MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;
    private final String clusterId;
    private final boolean formatted;

    private EmbeddedKafkaServer(KafkaRaftServer server, int port, String clusterId, boolean formatted) {
        this.server = server;
        this.port = port;
        this.clusterId = clusterId;
        this.formatted = formatted;
    }

    /**
     * Formats {@code logDir} if it is new, starts the broker and waits until it answers a metadata request.
     *
     * @param port the client listener ({@code PLAINTEXT}), must be free
     * @param controllerPort the KRaft controller listener, must be free
     * @param partitions partitions of topics created on first use
     */
    static EmbeddedKafkaServer start(Path logDir, int port, int controllerPort, int partitions) throws Exception {
        return start(logDir, port, controllerPort, partitions, Map.of());
    }

    /** As {@link #start(Path, int, int, int)}, with {@code overrides} replacing or adding broker settings. */
    static EmbeddedKafkaServer start(
            Path logDir, int port, int controllerPort, int partitions, Map<String, String> overrides) throws Exception {
        Files.createDirectories(logDir);
        Properties config = config(logDir, port, controllerPort, partitions);
        config.putAll(overrides);
        Optional<String> existingClusterId = readClusterId(logDir);
        String clusterId = existingClusterId.orElseGet(() -> Uuid.randomUuid().toString());
        if (existingClusterId.isEmpty()) {
            format(config, clusterId);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            server.startup();
            awaitMetadata(port);
        } catch (Exception | Error e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new EmbeddedKafkaServer(server, port, clusterId, existingClusterId.isEmpty());
    }

    int port() {
        return port;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted a new log directory (false: an existing one was reused). */
    boolean formatted() {
        return formatted;
    }

    /** Controlled shutdown: flushes logs, writes clean-shutdown markers, releases the log directory lock. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties config(Path logDir, int port, int controllerPort, int partitions) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                // one node: every replication factor and ISR is 1
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                // fewer internal partitions than the default 50: quicker first use, fewer files
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", String.valueOf(partitions)),
                Map.entry("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
                Map.entry("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // after a kill -9 the restarted broker may register only once the controller has expired the old
                // registration: 4 s instead of the default 9 s (heartbeats travel inside this JVM)
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                // modest resources: the broker shares the JVM and two cores with the hub
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4"),
                Map.entry("background.threads", "4"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024))));
        return p;
    }

    /** The cluster id of an already formatted log directory ({@code meta.properties}), if any. */
    static Optional<String> readClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        return Optional.ofNullable(p.getProperty("cluster.id"));
    }

    /** {@code kafka-storage.sh format -t <clusterId> -c <config>}, in process. */
    private static void format(Properties config, String clusterId) throws IOException {
        Path file = Files.createTempFile("zoning-kafka-", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "embedded Kafka broker, for formatting its log directory");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                status = StorageTool.execute(
                        new String[] {"format", "--config", file.toString(), "--cluster-id", clusterId}, print);
            }
            if (status != 0) {
                throw new IOException(
                        "Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Waits until the broker serves metadata to a client, i.e. it is really usable. */
    private static void awaitMetadata(int port) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + port,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }
}
