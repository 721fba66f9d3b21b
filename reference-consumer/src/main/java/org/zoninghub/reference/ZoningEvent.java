package org.zoninghub.reference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A hub event as the consumer reads it: the CloudEvent attributes it needs, the {@code data} to apply, and where
 * the record came from. Other attributes are ignored, so that events with properties added later still apply.
 *
 * @param id the CloudEvent id, unique per event
 * @param type e.g. {@code zoning.unit.updated}
 * @param streamKey the sequence space the event belongs to
 * @param sequence its place in that space, from 1
 * @param edition the zoning edition the change belongs to
 * @param time the commit time, as sent
 * @param data the payload (unit, previous, changedFields; rule, previous; or unit with rules)
 * @param topic the Kafka topic
 * @param partition the Kafka partition
 * @param offset the Kafka offset
 */
public record ZoningEvent(
        String id,
        String type,
        StreamKey streamKey,
        long sequence,
        String edition,
        String time,
        JsonNode data,
        String topic,
        int partition,
        long offset) {

    @Override
    public String toString() {
        return type + " " + streamKey + "#" + sequence + " (" + id + ", " + topic + "-" + partition + "@" + offset
                + ")";
    }
}
