package org.zoninghub.sync;

import org.apache.camel.Exchange;
import org.zoninghub.publish.PublishProperties;

/**
 * Breaks "sync never depends on publish" and "only Camel sub-packages import Camel": {@code ArchitectureTest} checks
 * that those rules catch this class.
 */
class ArchitectureViolationSync {

    PublishProperties publish;
    Exchange exchange;
}
