package org.zoninghub.platform.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;
import org.zoninghub.platform.embedded.SharedInfrastructure;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncTrigger;

/**
 * The production broker of {@code docker/compose.yaml}, as the compose file runs it: {@code apache/kafka:3.9.1}
 * started by {@code docker/kafka/start.sh} from {@code docker/kafka/server.properties}, with TLS stores made by
 * {@code docker/tls/make-certs.sh}: SASL/SCRAM-SHA-512 over TLS, ACLs enforced. A hub configured as the compose
 * file configures it (every Kafka client through the same {@code spring.kafka.*} security properties) publishes the
 * Liaoyuan units through it as the principal {@code hub}; {@code docker/kafka-principals.sh} gives a registered
 * department its own principal, which reads its feed topic and is refused every other topic.
 *
 * <p>Runs only under {@code -Pcontainers} where a Docker engine runs, and needs {@code bash}, {@code openssl},
 * {@code keytool}, {@code curl}, {@code python3} and the {@code docker} command (the script runs Kafka's tools inside
 * the container) on the machine; without Docker it is skipped with the reason.
 */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIfSystemProperty(
        named = SharedInfrastructure.CONTAINERS,
        matches = "true",
        disabledReason = "needs a Docker engine: runs with -Pcontainers")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            // the embedded (or container) PostgreSQL, but the SASL broker below for Kafka
            "zoning.embedded.kafka.enabled=false",
            "zoning.publish.topics.unit-changes=zoning.sasl-it.units.changes.v1",
            "zoning.publish.topics.rule-changes=zoning.sasl-it.rules.changes.v1",
            "zoning.publish.topics.unit-state=zoning.sasl-it.units.state.v1"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSaslIT {

    private static final String UNIT_CHANGES = "zoning.sasl-it.units.changes.v1";
    /** The Liaoyuan dataset's units (data/liaoyuan/README.md). */
    private static final int UNITS = 61;

    private static final String DEPARTMENT = "sasl-it-eia";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    private static Path work;
    private static Path truststore;
    private static String truststorePassword;
    private static String hubPassword;
    private static int publicPort;
    private static GenericContainer<?> broker;

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startTheComposeBroker() throws Exception {
        for (String tool : List.of("bash", "openssl", "keytool", "curl", "python3", "docker")) {
            assumeThat(onPath(tool))
                    .as("%s on the PATH (KafkaSaslIT runs the stack's scripts)", tool)
                    .isTrue();
        }
        work = Files.createTempDirectory("kafka-sasl-it-");
        Path tls = work.resolve("tls");
        Map<String, String> passwords = new HashMap<>();
        for (String line : run(
                Map.of("TLS_OUT_DIR", tls.toString(), "KAFKA_PUBLIC_HOST", "localhost"),
                "bash",
                "docker/tls/make-certs.sh")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                passwords.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        truststore = tls.resolve("truststore.p12");
        truststorePassword = passwords.get("KAFKA_TRUSTSTORE_PASSWORD");
        assertThat(truststorePassword)
                .as("make-certs.sh prints the truststore password")
                .isNotBlank();
        hubPassword = secret();
        publicPort = freePort();

        broker = new GenericContainer<>(ContainerInfrastructure.KAFKA_IMAGE)
                .withCopyFileToContainer(
                        MountableFile.forHostPath("docker/kafka/start.sh", 0755), "/etc/zoning-kafka/start.sh")
                .withCopyFileToContainer(
                        MountableFile.forHostPath("docker/kafka/server.properties", 0644),
                        "/etc/zoning-kafka/server.properties")
                .withCopyFileToContainer(
                        MountableFile.forHostPath(tls.resolve("kafka.keystore.p12"), 0644),
                        "/etc/zoning-kafka-tls/kafka.keystore.p12")
                .withCopyFileToContainer(
                        MountableFile.forHostPath(truststore, 0644), "/etc/zoning-kafka-tls/truststore.p12")
                .withEnv("ZONING_KAFKA_ADMIN_PASSWORD", secret())
                .withEnv("ZONING_KAFKA_HUB_PASSWORD", hubPassword)
                .withEnv("ZONING_KAFKA_KEYSTORE_PASSWORD", passwords.get("KAFKA_KEYSTORE_PASSWORD"))
                .withEnv("ZONING_KAFKA_TRUSTSTORE_PASSWORD", truststorePassword)
                .withEnv("KAFKA_PUBLIC_HOST", "localhost")
                .withEnv("KAFKA_PUBLIC_PORT", String.valueOf(publicPort))
                // the EXTERNAL listener is advertised as localhost:{publicPort}: the port is bound as such
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withEntrypoint("/bin/bash", "/etc/zoning-kafka/start.sh");
                    cmd.withHostName("kafka");
                    cmd.getHostConfig()
                            .withPortBindings(
                                    new PortBinding(Ports.Binding.bindPort(publicPort), ExposedPort.tcp(9095)));
                })
                .waitingFor(
                        Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
        broker.start();
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @DynamicPropertySource
    static void kafkaAsTheComposeFileConfiguresIt(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + publicPort);
        registry.add("camel.component.kafka.brokers", () -> "localhost:" + publicPort);
        registry.add("spring.kafka.security.protocol", () -> "SASL_SSL");
        registry.add(
                "spring.kafka.ssl.trust-store-location",
                () -> truststore.toUri().toString());
        registry.add("spring.kafka.ssl.trust-store-type", () -> "PKCS12");
        registry.add("spring.kafka.ssl.trust-store-password", () -> truststorePassword);
        registry.add("spring.kafka.properties.sasl.mechanism", () -> "SCRAM-SHA-512");
        registry.add(
                "spring.kafka.properties.sasl.jaas.config",
                () -> SCRAM + " username=\"hub\" password=\"" + hubPassword + "\";");
    }

    @Test
    @Order(1)
    void theHubPublishesOverSaslSslAsItsPrincipal() {
        SyncRun started = trigger.trigger(Trigger.ADMIN, Mode.FULL);
        SyncRun run = await().atMost(Duration.ofMinutes(2))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).as("run %s: %s", run.id(), run.error()).isEqualTo(Outcome.SUCCEEDED);

        try (KafkaConsumer<String, String> hub = consumer("hub", hubPassword, "hub-check-" + UUID.randomUUID())) {
            hub.subscribe(List.of(UNIT_CHANGES));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                hub.poll(Duration.ofMillis(500)).forEach(received::add);
                return received.size() >= UNITS;
            });
            assertThat(received.stream().map(ConsumerRecord::key).distinct()).hasSize(UNITS);
        }
    }

    @Test
    @Order(2)
    void aDepartmentReadsItsOwnFeedAndNothingElse() throws Exception {
        ResponseEntity<String> created = http.withBasicAuth("admin", "test-admin-secret")
                .postForEntity(
                        "/api/v1/admin/subscribers",
                        Map.of("id", DEPARTMENT, "name", "SASL IT", "filter", Map.of()),
                        String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> bootstrap = http.withBasicAuth("admin", "test-admin-secret")
                .postForEntity("/api/v1/admin/subscribers/" + DEPARTMENT + "/bootstrap", null, String.class);
        assertThat(bootstrap.getStatusCode()).as(bootstrap.getBody()).isEqualTo(HttpStatus.ACCEPTED);

        Path secrets = work.resolve("secrets");
        run(
                Map.of(
                        "ZONING_SECURITY_ADMIN_PASSWORD",
                        "test-admin-secret",
                        "ZONING_HUB_URL",
                        "http://localhost:" + port,
                        "ZONING_KAFKA_SECRETS_DIR",
                        secrets.toString(),
                        "KAFKA_EXEC",
                        "docker exec -i " + broker.getContainerId()),
                "bash",
                "docker/kafka-principals.sh");
        String password = Files.readString(secrets.resolve(DEPARTMENT + ".password"), StandardCharsets.UTF_8)
                .trim();

        try (KafkaConsumer<String, String> department = consumer(DEPARTMENT, password, DEPARTMENT + ".reader")) {
            department.subscribe(List.of("zoning.feed." + DEPARTMENT + ".v1"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                department.poll(Duration.ofMillis(500)).forEach(received::add);
                return received.size() >= UNITS;
            });
            assertThat(received.stream().map(ConsumerRecord::key).distinct()).hasSize(UNITS);
        }
        try (KafkaConsumer<String, String> department = consumer(DEPARTMENT, password, DEPARTMENT + ".reader")) {
            department.subscribe(List.of(UNIT_CHANGES));
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 100; i++) {
                            department.poll(Duration.ofMillis(200));
                        }
                    })
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static KafkaConsumer<String, String> consumer(String user, String password, String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + publicPort);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", SCRAM + " username=\"" + user + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", truststore.toString());
        config.put("ssl.truststore.password", truststorePassword);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Runs a command in the project directory; fails with its output unless it exits 0; its standard output. */
    private static List<String> run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(
                work == null ? Path.of(System.getProperty("java.io.tmpdir")) : work, "run-", ".log");
        Path out = Files.createTempFile(log.getParent(), "out-", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(10, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited && process.exitValue() == 0)
                .as("%s: %s%n%s", String.join(" ", command), Files.readString(out), Files.readString(log))
                .isTrue();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
