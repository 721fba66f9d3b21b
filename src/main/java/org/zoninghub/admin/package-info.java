/**
 * HTTP for administrators: sync runs, file uploads, subscribers, the outbox backlog, dynamic updates and filings.
 * Controllers only, thin: each hands off to the facade of the capability it steers.
 *
 * <p>May use: {@code zoning}, {@code store}, {@code sync}, {@code publish}, {@code web}. Never {@code api}. No public
 * types.
 */
package org.zoninghub.admin;
