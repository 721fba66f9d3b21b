package org.zoninghub.web;

import org.zoninghub.api.StatisticsControllerAccess;

/** Breaks "web depends on neither api nor admin": {@code ArchitectureTest} checks that its rule catches it. */
class ArchitectureViolationWeb {

    StatisticsControllerAccess api;
}
