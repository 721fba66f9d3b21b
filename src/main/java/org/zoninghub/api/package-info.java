/**
 * HTTP for departments: units, rules, history and statistics as of any instant. Controllers only; what they read
 * comes from {@code store}.
 *
 * <p>May use: {@code zoning}, {@code store}, {@code web}. Never {@code admin}. No public types: Spring finds the
 * controllers.
 */
package org.zoninghub.api;
