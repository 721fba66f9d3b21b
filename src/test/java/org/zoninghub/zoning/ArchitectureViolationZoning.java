package org.zoninghub.zoning;

import org.springframework.stereotype.Component;
import org.zoninghub.store.StoredUnit;

/**
 * Breaks "the core depends on nothing else of ours" and "the core uses neither Spring nor Camel":
 * {@code ArchitectureTest} checks that those rules catch this class.
 */
@Component
class ArchitectureViolationZoning {

    StoredUnit unit;
}
