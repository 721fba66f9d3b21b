package org.zoninghub.publish.subscribers;

/** A subscriber definition an administrator must correct: names the field and what is wrong with it. */
public class InvalidSubscriberException extends IllegalArgumentException {

    private final String field;

    public InvalidSubscriberException(String field, String defect) {
        super(field + ": " + defect);
        this.field = field;
    }

    /** The JSON path of the offending value, e.g. {@code filter.categories[1]}. */
    public String field() {
        return field;
    }
}
