/**
 * What the two HTTP capabilities ({@code api} for departments, {@code admin} for administrators) share: the one
 * problem+json error path ({@link org.zoninghub.web.ProblemResponses}), the exceptions that carry their answer
 * ({@link org.zoninghub.web.BadRequestException}, {@link org.zoninghub.web.NotFoundException}, {@link
 * org.zoninghub.web.ConflictException}), the {@code asOf} parameter ({@link org.zoninghub.web.AsOf}) and path ids
 * ({@link org.zoninghub.web.PathIds}).
 *
 * <p>May use: the capabilities whose exceptions it maps ({@code sync}, {@code publish}); never {@code api} or {@code
 * admin}.
 */
package org.zoninghub.web;
