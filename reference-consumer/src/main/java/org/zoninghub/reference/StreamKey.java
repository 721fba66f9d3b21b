package org.zoninghub.reference;

/**
 * One sequence space: the hub numbers events 1, 2, 3, … per stream and key. The stream is the event family (unit
 * changes, rule changes, unit states) rather than the topic, so that the same events arriving through a subscriber
 * feed, or two families sharing one feed topic, are still counted correctly.
 *
 * @param stream {@code zoning.unit}, {@code zoning.rule} or {@code zoning.unit.state}
 * @param key the Kafka key: a unit code, or a rule's scope code
 */
public record StreamKey(String stream, String key) implements Comparable<StreamKey> {

    /** The stream of an event type: a change type without its verb, any other type as it is. */
    public static String streamOf(String type) {
        for (String verb : new String[] {".created", ".updated", ".retired"}) {
            if (type.endsWith(verb)) {
                return type.substring(0, type.length() - verb.length());
            }
        }
        return type;
    }

    @Override
    public int compareTo(StreamKey other) {
        int byStream = stream.compareTo(other.stream);
        return byStream != 0 ? byStream : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return stream + "/" + key;
    }
}
