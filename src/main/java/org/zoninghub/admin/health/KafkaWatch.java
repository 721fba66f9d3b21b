package org.zoninghub.admin.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.subscribers.FeedLag;
import org.zoninghub.publish.subscribers.Subscriber;
import org.zoninghub.publish.subscribers.Subscribers;

/**
 * Asks Kafka, in the background every {@code zoning.health.kafka-check-interval}, whether the broker answers and how
 * far each enabled subscriber's consumer group is behind, so that health and metrics read the latest answer without
 * waiting for Kafka. Gauges: {@code zoning.publish.broker.up} (1 or 0), {@code zoning.publish.subscribers} (enabled
 * subscribers) and {@code zoning.publish.subscriber.lag} (tag {@code subscriber}; NaN while unknown).
 */
@Component
class KafkaWatch implements DisposableBean {

    /** The broker as last seen. */
    record Broker(boolean up, int nodes, String error, Instant checkedAt) {}

    private static final Logger log = LoggerFactory.getLogger(KafkaWatch.class);

    private final KafkaAdmin kafkaAdmin;
    private final Subscribers subscribers;
    private final HealthProperties properties;
    private final MeterRegistry registry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zoning-kafka-watch");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, FeedLag> lags = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile Broker broker;
    private volatile int enabledSubscribers;
    private Admin admin;

    KafkaWatch(KafkaAdmin kafkaAdmin, Subscribers subscribers, HealthProperties properties, MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.subscribers = subscribers;
        this.properties = properties;
        this.registry = registry;
        Gauge.builder("zoning.publish.broker.up", this, w -> w.broker != null && w.broker.up() ? 1 : 0)
                .description("1 when the Kafka broker answered the hub's last check")
                .register(registry);
        Gauge.builder("zoning.publish.subscribers", this, w -> w.enabledSubscribers)
                .description("Enabled subscribers")
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(1000, properties.kafkaCheckInterval().toMillis());
        timer.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    Broker broker() {
        return broker;
    }

    Map<String, FeedLag> lags() {
        return Map.copyOf(lags);
    }

    /** Checks now (also what the background task runs). */
    synchronized void check() {
        try {
            Admin a = admin();
            int nodes = a.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) properties.brokerTimeout().toMillis()))
                    .nodes()
                    .get(properties.brokerTimeout().toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
            broker = new Broker(nodes > 0, nodes, nodes > 0 ? null : "the cluster has no broker", Instant.now());
        } catch (Exception e) {
            String reason = e instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + properties.brokerTimeout()
                    : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            broker = new Broker(false, 0, "the broker does not answer: " + reason, Instant.now());
        }
        try {
            List<Subscriber> enabled =
                    subscribers.list().stream().filter(Subscriber::enabled).toList();
            enabledSubscribers = enabled.size();
            lags.keySet().retainAll(enabled.stream().map(Subscriber::id).toList());
            for (Subscriber s : enabled) {
                FeedLag lag = broker.up() ? subscribers.lag(s) : null;
                if (lag != null) {
                    lags.put(s.id(), lag);
                } else {
                    lags.remove(s.id());
                }
                if (gauged.add(s.id())) {
                    String id = s.id();
                    Gauge.builder("zoning.publish.subscriber.lag", this, w -> {
                                FeedLag l = w.lags.get(id);
                                return l == null || l.total() == null ? Double.NaN : l.total();
                            })
                            .description("Messages on a subscriber's feed its consumer group has not committed")
                            .tag("subscriber", id)
                            .register(registry);
                }
            }
        } catch (RuntimeException e) {
            log.debug("subscriber lag check failed: {}", e.getMessage());
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                    properties.brokerTimeout().toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                    properties.brokerTimeout().toMillis());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "zoning-hub-health");
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
