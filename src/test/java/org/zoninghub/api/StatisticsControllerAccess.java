package org.zoninghub.api;

/** A type in {@code api} for the architecture fixtures to depend on. */
public class StatisticsControllerAccess {}
