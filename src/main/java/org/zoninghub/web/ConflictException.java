package org.zoninghub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request that cannot be carried out in the hub's present state (a sync in progress, a route holding the sync lock,
 * a name already taken); answered as problem+json 409 with the reason and what to do.
 */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT, BadRequestException.problem(HttpStatus.CONFLICT, title, detail), null);
    }
}
