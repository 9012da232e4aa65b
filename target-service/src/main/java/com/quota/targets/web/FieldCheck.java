package com.quota.targets.web;

import com.quota.httpproblems.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the invalid fields of one request body and answers them together as one 400 {@code validation-failed}
 * problem with an {@code errors} list, before anything is written.
 */
public final class FieldCheck {

    private final List<Map<String, String>> errors = new ArrayList<>();

    public FieldCheck required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            add(field, "must be given");
        }
        return this;
    }

    public FieldCheck oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "must be one of " + allowed);
        }
        return this;
    }

    public FieldCheck when(boolean invalid, String field, String message) {
        if (invalid) {
            add(field, message);
        }
        return this;
    }

    public FieldCheck add(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
        return this;
    }

    /** Throws the 400 problem when any field was invalid. */
    public void orFail() {
        if (errors.isEmpty()) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
        problem.setType(ProblemTypes.VALIDATION_FAILED);
        problem.setTitle("Bad Request");
        problem.setProperty("errors", errors);
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
