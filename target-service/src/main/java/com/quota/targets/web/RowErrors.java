package com.quota.targets.web;

import com.quota.httpproblems.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-row report of a bulk import that is validated as a whole: any bad row refuses the whole file (422
 * {@code import-rows-invalid}, nothing written) and the problem lists every bad row with its field and message.
 */
public final class RowErrors {

    private final List<Map<String, Object>> errors = new ArrayList<>();

    public void add(int row, String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", row);
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
    }

    /** The bad rows so far: row, field, message each. */
    public List<Map<String, Object>> entries() {
        return List.copyOf(errors);
    }

    public int size() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the 422 problem listing the rows when any row was bad. */
    public void orFail(int rows) {
        if (errors.isEmpty()) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                errors.size() + " problem(s) in " + rows + " row(s); nothing was imported");
        problem.setType(ProblemTypes.of("import-rows-invalid"));
        problem.setTitle("Import refused");
        problem.setProperty("errors", errors);
        throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }
}
