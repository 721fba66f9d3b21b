package org.zoninghub.publish.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.PublishProperties;
import org.zoninghub.store.Outbox;

/**
 * The Java half of the {@code publish.outbox-relay} route: turns the oldest unsent outbox rows into Kafka messages
 * (key, topic and CloudEvents content type per row), and marks them sent once the broker has acknowledged them all.
 */
@Component
class OutboxRelay {

    static final String IDS = "zoning.outbox.ids";
    static final String CONTENT_TYPE = "content-type";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private final Outbox outbox;
    private final PublishProperties properties;
    private final CamelContext camel;

    OutboxRelay(Outbox outbox, PublishProperties properties, CamelContext camel) {
        this.outbox = outbox;
        this.properties = properties;
        this.camel = camel;
    }

    /** Sets the body to the next batch of messages (empty when there is nothing to send). */
    public void nextBatch(Exchange exchange) {
        List<Outbox.Entry> entries = outbox.unsent(properties.batchSize());
        List<Message> messages = new ArrayList<>(entries.size());
        List<UUID> ids = new ArrayList<>(entries.size());
        for (Outbox.Entry e : entries) {
            Message m = new DefaultMessage(camel);
            m.setBody(e.payload());
            m.setHeader(KafkaConstants.OVERRIDE_TOPIC, e.topic());
            m.setHeader(KafkaConstants.KEY, e.aggregateId());
            m.setHeader(CONTENT_TYPE, CLOUDEVENTS_JSON);
            m.setHeader("ce_id", e.id().toString());
            m.setHeader("ce_type", e.type());
            messages.add(m);
            ids.add(e.id());
        }
        exchange.getMessage().setBody(messages);
        exchange.setProperty(IDS, ids);
    }

    /** Called after the Kafka producer returned: every message of the batch was acknowledged. */
    public void markSent(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = exchange.getProperty(IDS, List.class);
        outbox.markSent(ids);
    }
}
