package org.zoninghub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException;

/**
 * The embedded infrastructure against itself, without the hub: real PostgreSQL 17 and a real KRaft broker, started
 * through Spring Boot (the post-processor from {@code spring.factories}) and directly (restarts, port conflicts, a
 * {@code kill -9} of a JVM that runs them).
 */
class EmbeddedInfrastructureIT {

    private static final Log LOG = LogFactory.getLog(EmbeddedInfrastructureIT.class);

    /** What a test sets to get random ports, a temporary data directory and a database of its own. */
    private static final String[] TEST_PROPERTIES = {
        "zoning.embedded.enabled=true",
        "zoning.embedded.temporary-data-dir=true",
        "zoning.embedded.postgres.port=0",
        "zoning.embedded.kafka.port=0",
        "zoning.embedded.database-per-context=true"
    };

    /**
     * Nothing but the environment: the servers come from the post-processor, not from beans. Deliberately not a
     * {@code @Configuration}: test classes are on the classpath of {@code spring-boot:run}, where the hub's component
     * scan would pick it up.
     */
    static class NoBeans {}

    @Test
    void springContextsShareTheServersAndEachGetsItsOwnDatabase() throws Exception {
        try (ConfigurableApplicationContext first = context();
                ConfigurableApplicationContext second = context()) {
            String firstUrl = first.getEnvironment().getProperty("spring.datasource.url");
            String secondUrl = second.getEnvironment().getProperty("spring.datasource.url");
            assertThat(firstUrl).matches("jdbc:postgresql://localhost:\\d+/zoning_ctx_\\d+");
            assertThat(secondUrl).isNotEqualTo(firstUrl);
            assertThat(port(secondUrl)).isEqualTo(port(firstUrl));
            assertThat(second.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(first.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(first.getEnvironment().getProperty("camel.component.kafka.brokers"));

            EmbeddedInfrastructure infra = EmbeddedInfrastructureEnvironmentPostProcessor.running();
            String firstDb = database(firstUrl);
            String secondDb = database(secondUrl);
            try (Connection c = infra.connect(firstDb);
                    Statement s = c.createStatement()) {
                assertThat(queryString(s, "select version()")).startsWith("PostgreSQL 17");
                s.execute("create table only_here (id int)");
            }
            try (Connection c = infra.connect(secondDb);
                    Statement s = c.createStatement()) {
                assertThat(queryString(s, "select count(*) from pg_tables where tablename = 'only_here'"))
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void aRecordProducedWithAcksAllIsConsumedBack() throws Exception {
        try (ConfigurableApplicationContext context = context()) {
            String bootstrap = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            String topic = "embedded.it." + UUID.randomUUID();
            produce(bootstrap, topic, "ZH22040210001", "{\"hello\":\"kafka\"}");
            assertThat(consumeAll(bootstrap, topic, 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("ZH22040210001", "{\"hello\":\"kafka\"}"));
        }
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsRowsAndRecords(@TempDir Path dir) throws Exception {
        EmbeddedInfrastructureSettings settings = randomPorts(dir);
        String topic = "embedded.it.restart";
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(settings, LOG)) {
            try (Connection c = infra.connect("zoning");
                    Statement s = c.createStatement()) {
                s.execute("create table kept (id int primary key)");
                s.execute("insert into kept values (1), (2), (3)");
            }
            produce(infra.bootstrapServers(), topic, "a", "first");
            produce(infra.bootstrapServers(), topic, "b", "second");
        }

        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(settings, LOG)) {
            try (Connection c = infra.connect("zoning");
                    Statement s = c.createStatement()) {
                assertThat(queryString(s, "select count(*) from kept")).isEqualTo("3");
            }
            assertThat(consumeAll(infra.bootstrapServers(), topic, 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void aTakenPortStopsTheStartWithTheSettingThatChangesIt(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(
                            () -> EmbeddedInfrastructure.start(randomPorts(dir).withPorts(0, port), LOG))
                    .isInstanceOf(EmbeddedInfrastructureException.class)
                    .hasMessage("Port " + port + " for the embedded Kafka broker is already in use; set"
                            + " zoning.embedded.kafka.port (env ZONING_EMBEDDED_KAFKA_PORT) to a free port, or 0 for"
                            + " a random one");
            assertThatThrownBy(
                            () -> EmbeddedInfrastructure.start(randomPorts(dir).withPorts(port, 0), LOG))
                    .isInstanceOf(EmbeddedInfrastructureException.class)
                    .hasMessage("Port " + port + " for the embedded PostgreSQL is already in use; set"
                            + " zoning.embedded.postgres.port (env ZONING_EMBEDDED_POSTGRES_PORT) to a free port, or"
                            + " 0 for a random one");
        }
    }

    /**
     * A JVM that runs the servers is killed with SIGKILL (its PostgreSQL keeps running, orphaned); the next start on
     * the same data directory stops that postmaster and finds the committed rows and the acknowledged records.
     */
    @Test
    void aStartAfterKillMinus9KeepsTheData(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (IOException e) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> output.stream().anyMatch(line -> line.startsWith("READY")) || !child.isAlive());
            assertThat(output).as("output of the child JVM").anyMatch(line -> line.startsWith("READY"));
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks run
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long orphan = Long.parseLong(output.stream()
                .filter(line -> line.startsWith("READY"))
                .findFirst()
                .orElseThrow()
                .split(" ")[1]);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlives the killed JVM")
                .contains(true);

        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(randomPorts(dir), LOG)) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            try (Connection c = infra.connect("zoning");
                    Statement s = c.createStatement()) {
                assertThat(queryString(s, "select count(*) from survived")).isEqualTo("2");
            }
            assertThat(consumeAll(infra.bootstrapServers(), Child.TOPIC, 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("one", "two");
        }
    }

    /** The JVM that gets killed: starts the servers on a data directory, writes, prints READY and the postmaster pid. */
    public static final class Child {

        static final String TOPIC = "embedded.it.killed";

        public static void main(String[] args) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN); // no Spring Boot here to configure logging
            try {
                Path dir = Path.of(args[0]);
                EmbeddedInfrastructure infra =
                        EmbeddedInfrastructure.start(randomPorts(dir), LogFactory.getLog(Child.class));
                try (Connection c = infra.connect("zoning");
                        Statement s = c.createStatement()) {
                    s.execute("create table survived (id int primary key)");
                    s.execute("insert into survived values (1), (2)");
                }
                produce(infra.bootstrapServers(), TOPIC, "k1", "one");
                produce(infra.bootstrapServers(), TOPIC, "k2", "two");
                String postmasterPid = Files.readAllLines(dir.resolve("postgres/postmaster.pid"))
                        .get(0);
                System.out.println("READY " + postmasterPid.trim());
                System.out.flush();
                Thread.currentThread().join(); // until killed
            } catch (Throwable e) {
                e.printStackTrace();
                System.exit(1);
            }
        }
    }

    private static EmbeddedInfrastructureSettings randomPorts(Path dir) {
        return EmbeddedInfrastructureSettings.defaults().withDataDir(dir).withPorts(0, 0);
    }

    private static ConfigurableApplicationContext context() {
        // as command-line arguments, which outrank application.yaml (default properties would not: its fixed ports
        // 15432 and 9092 would win, and the test would fail beside a running zero-setup hub)
        return new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .run(java.util.Arrays.stream(TEST_PROPERTIES).map(p -> "--" + p).toArray(String[]::new));
    }

    private static String queryString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int port(String jdbcUrl) {
        return Integer.parseInt(jdbcUrl.replaceAll("^jdbc:postgresql://localhost:(\\d+)/.*$", "$1"));
    }

    private static String database(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
