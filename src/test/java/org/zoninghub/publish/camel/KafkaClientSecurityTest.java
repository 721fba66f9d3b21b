package org.zoninghub.publish.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.core.io.FileSystemResource;

/**
 * The relay's Camel producer gets the security settings Spring's Kafka clients get: TLS (trust store) and SASL/SCRAM
 * from {@code spring.kafka.*}, as the producer properties Camel finally builds show.
 */
class KafkaClientSecurityTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"hub\" password=\"not-a-real-secret\";";

    @Test
    void springKafkaSecurityReachesTheCamelProducer() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getSsl().setTrustStoreLocation(new FileSystemResource("/etc/zoning/kafka-truststore.p12"));
        kafka.getSsl().setTrustStoreType("PKCS12");
        kafka.getSsl().setTrustStorePassword("changeit");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", JAAS);
        kafka.getProperties().put("linger.ms", "999");

        KafkaComponent component = new KafkaComponent();
        KafkaClientSecurity.apply(component, KafkaClientSecurity.security(kafka.buildProducerProperties(null)));
        Properties producer = component.getConfiguration().createProducerProperties();

        assertThat(producer.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(producer.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(producer.get("sasl.jaas.config")).isEqualTo(JAAS);
        assertThat(producer.get("ssl.truststore.location")).isEqualTo("/etc/zoning/kafka-truststore.p12");
        assertThat(producer.get("ssl.truststore.type")).isEqualTo("PKCS12");
        assertThat(producer.get("ssl.truststore.password")).isEqualTo("changeit");
        assertThat(producer.get("linger.ms"))
                .as("only security settings are taken over")
                .isNotEqualTo("999");
    }

    @Test
    void withoutSecuritySettingsTheProducerStaysAsCamelConfiguresIt() {
        KafkaComponent component = new KafkaComponent();
        KafkaClientSecurity.apply(
                component, KafkaClientSecurity.security(new KafkaProperties().buildProducerProperties(null)));
        assertThat(component.getConfiguration().createProducerProperties().get("security.protocol"))
                .isEqualTo("PLAINTEXT");
    }
}
