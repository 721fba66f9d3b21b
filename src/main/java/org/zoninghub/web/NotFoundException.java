package org.zoninghub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A resource that does not exist (at the asked instant); answered as problem+json 404. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, BadRequestException.problem(HttpStatus.NOT_FOUND, "Not found", detail), null);
    }
}
