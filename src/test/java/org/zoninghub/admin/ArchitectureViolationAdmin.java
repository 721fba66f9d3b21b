package org.zoninghub.admin;

import org.zoninghub.api.StatisticsControllerAccess;

/** Breaks "admin never depends on api": {@code ArchitectureTest} checks that its rule catches this class. */
class ArchitectureViolationAdmin {

    StatisticsControllerAccess api;
}
