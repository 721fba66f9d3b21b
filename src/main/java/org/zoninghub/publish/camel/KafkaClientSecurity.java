package org.zoninghub.publish.camel;

import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One set of Kafka security properties for every client of the hub: the Camel producer of the outbox relay gets the
 * same {@code security.protocol}, {@code ssl.*} and {@code sasl.*} settings as Spring's own clients (the admin client
 * that creates topics, the feed clients), from {@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.*}
 * (or an SSL bundle) and {@code spring.kafka.properties.sasl.*}. The relay's route URI keeps only delivery settings.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientSecurity {

    @Bean
    ComponentCustomizer kafkaSecurityCustomizer(KafkaProperties kafka, ObjectProvider<SslBundles> bundles) {
        Map<String, Object> security = security(kafka.buildProducerProperties(bundles.getIfAvailable()));
        return ComponentCustomizer.forType(KafkaComponent.class, component -> apply(component, security));
    }

    /** The security settings among a client's properties: {@code security.protocol}, {@code ssl.*}, {@code sasl.*}. */
    static Map<String, Object> security(Map<String, Object> clientProperties) {
        Map<String, Object> security = new TreeMap<>();
        clientProperties.forEach((key, value) -> {
            if (value != null
                    && (key.equals("security.protocol") || key.startsWith("ssl.") || key.startsWith("sasl."))) {
                security.put(key, value);
            }
        });
        return security;
    }

    static void apply(KafkaComponent component, Map<String, Object> security) {
        if (security.isEmpty()) {
            return;
        }
        // Camel sets security.protocol from its own option (PLAINTEXT by default) before its additional properties;
        // both are set, so that no ordering inside Camel can bring plaintext back
        Object protocol = security.get("security.protocol");
        if (protocol != null) {
            component.getConfiguration().setSecurityProtocol(protocol.toString());
        }
        Object mechanism = security.get("sasl.mechanism");
        if (mechanism != null) {
            component.getConfiguration().setSaslMechanism(mechanism.toString());
        }
        Object jaas = security.get("sasl.jaas.config");
        if (jaas != null) {
            component.getConfiguration().setSaslJaasConfig(jaas.toString());
        }
        Map<String, Object> additional = component.getConfiguration().getAdditionalProperties();
        if (additional == null) {
            component.getConfiguration().setAdditionalProperties(new TreeMap<>(security));
        } else {
            additional.putAll(security);
        }
    }
}
