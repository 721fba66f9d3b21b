package org.zoninghub.store;

import org.zoninghub.sync.Delivery;

/** Breaks "the store knows nothing of its callers": {@code ArchitectureTest} checks that its rule catches it. */
class ArchitectureViolationStore {

    Delivery delivery;
}
