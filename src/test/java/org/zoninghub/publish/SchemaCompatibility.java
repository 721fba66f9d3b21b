package org.zoninghub.publish;

import java.util.ArrayList;
import java.util.List;
import org.zoninghub.publish.EventSchemas.Violation;
import org.zoninghub.publish.SchemaExamples.Example;

/**
 * Judges a change of the schemas by the events it must keep accepting: a new version is backward compatible when
 * every event of the corpus that the previous version accepts, the new version accepts too. The corpus is the
 * valid examples (which are never edited or deleted, only added to) and whatever events a test adds.
 *
 * <p>That is the test a producer-side schema change must pass before the hub emits the new shape; see
 * {@code schemas/README.md} for why adding an optional property passes it and adding a required one does not.
 */
final class SchemaCompatibility {

    /** An event the previous schemas accepted and the new ones reject. */
    record Break(Example example, List<Violation> violations) {}

    /**
     * @param checked how many events of the corpus the previous schemas accepted
     * @param breaks those the new schemas reject
     */
    record Report(int checked, List<Break> breaks) {

        boolean backwardCompatible() {
            return breaks.isEmpty();
        }
    }

    private SchemaCompatibility() {}

    static Report backward(EventSchemas previous, EventSchemas next, List<Example> corpus) {
        int checked = 0;
        List<Break> breaks = new ArrayList<>();
        for (Example example : corpus) {
            if (!previous.isValid(example.event())) {
                continue; // the previous version never admitted it, so nothing can rely on it
            }
            checked++;
            List<Violation> violations = next.violations(example.event());
            if (!violations.isEmpty()) {
                breaks.add(new Break(example, violations));
            }
        }
        return new Report(checked, List.copyOf(breaks));
    }
}
