package com.quota.httpproblems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns every error a request can meet after security into an RFC 9457 problem with a stable type URI:
 * field lists for validation, 400 for unreadable input, 412 for a stale version, and a bare 500 (never a
 * stack trace) for anything unexpected. 401/403 come from resource-server-support before a controller runs.
 * Registered by {@link ProblemDetailsAutoConfiguration}; last in line, so an advice a service adds for its own
 * exceptions is asked before the catch-all here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    // Spring Security is optional here: its exception classes are touched only when they are on the classpath
    private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.access.AccessDeniedException", ProblemDetailsAdvice.class.getClassLoader());
    // Bean Validation is optional too: a class-level @Validated proxy throws its ConstraintViolationException
    private static final boolean VALIDATION_PRESENT = ClassUtils.isPresent(
            "jakarta.validation.ConstraintViolationException", ProblemDetailsAdvice.class.getClassLoader());

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getFieldErrors().forEach(e -> errors.add(fieldError(e.getField(), e)));
        ex.getGlobalErrors().forEach(e -> errors.add(fieldError(e.getObjectName(), e)));
        return validationFailed(ex, errors, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(e -> errors.add(fieldError(
                    e instanceof FieldError f ? parameter + "." + f.getField() : parameter, e)));
        });
        return validationFailed(ex, errors, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = ex.getBody();
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        problem.setTitle("Malformed request");
        if (ex.getCause() instanceof DecodingException) {
            // the body could not be read; Jackson's own message may echo input or class names, so keep only the path
            String path = jsonPath(ex);
            problem.setDetail(path.isEmpty() ? "The request body is not valid JSON of the expected shape."
                    : "The request body is not valid JSON of the expected shape at '" + path + "'.");
        }
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    /** A body decoded outside an annotated controller (e.g. by a functional endpoint). */
    @ExceptionHandler(DecodingException.class)
    Mono<ResponseEntity<Object>> handleDecodingException(DecodingException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape.");
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        problem.setTitle("Malformed request");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, exchange);
    }

    /** The row changed since the caller read it: its If-Match/version is stale. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    Mono<ResponseEntity<Object>> handleOptimisticLockingFailure(OptimisticLockingFailureException ex,
            ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "The resource was changed by someone else. Read it again and retry with its current ETag.");
        problem.setType(ProblemTypes.PRECONDITION_FAILED);
        problem.setTitle("Stale version");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.PRECONDITION_FAILED, exchange);
    }

    /** Everything else: 500 without internals; the log line (with traceId) has the stack trace. */
    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        if (SECURITY_PRESENT && SecurityExceptions.isSecurityException(ex)) {
            // let Spring Security's exception translation answer 401/403 as problem+json
            return Mono.error(ex);
        }
        if (ex instanceof ErrorResponse response) {
            return handleExceptionInternal(ex, response.getBody(), response.getHeaders(), response.getStatusCode(),
                    exchange);
        }
        if (DatabaseUnavailable.isOne(ex)) {
            return databaseUnavailable(ex, exchange);
        }
        if (VALIDATION_PRESENT && ConstraintViolations.isOne(ex)) {
            // e.g. ?size=-1 on a @Validated controller: the caller's input, a 400 like any other field error
            return validationFailed(ex, ConstraintViolations.errors(ex), new HttpHeaders(), HttpStatus.BAD_REQUEST,
                    exchange);
        }
        log.error("500 {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed because of an internal error.");
        problem.setType(ProblemTypes.INTERNAL_ERROR);
        problem.setTitle("Internal error");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
            problem.setType(ProblemTypes.forStatus(status));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    /**
     * The database cannot be reached (stopped, restarting, connections closed under the request, a transaction that
     * could not open its connection): 503 with {@code Retry-After}, never a 500. A retry with the same
     * Idempotency-Key is safe even if the commit's answer was lost.
     */
    private Mono<ResponseEntity<Object>> databaseUnavailable(Exception ex, ServerWebExchange exchange) {
        log.warn("503 {} {}: the database is unavailable ({}; {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), ex.getClass().getSimpleName(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service's database is unavailable for the moment. Retry the request shortly.");
        problem.setType(ProblemTypes.forStatus(HttpStatus.SERVICE_UNAVAILABLE));
        problem.setTitle("Service unavailable");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, exchange);
    }

    private Mono<ResponseEntity<Object>> validationFailed(Exception ex, List<Map<String, String>> errors,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "One or more fields are invalid.");
        problem.setType(ProblemTypes.VALIDATION_FAILED);
        problem.setTitle("Validation failed");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    // field, the constraint's short code (e.g. NotBlank) and its message; never the rejected value
    private static Map<String, String> fieldError(String field, MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        String code = codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1];
        String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
        return Map.of("field", field, "code", code, "message", message);
    }

    /** Loaded only when Spring Security is present. */
    private static final class SecurityExceptions {
        static boolean isSecurityException(Throwable ex) {
            return ex instanceof AccessDeniedException || ex instanceof AuthenticationException;
        }
    }

    /** Loaded only when Bean Validation is present. */
    private static final class ConstraintViolations {
        static boolean isOne(Throwable ex) {
            return ex instanceof jakarta.validation.ConstraintViolationException;
        }

        // the property path is method.parameter (e.g. list.size): keep the parameter, as the other field errors do
        static List<Map<String, String>> errors(Throwable ex) {
            List<Map<String, String>> errors = new ArrayList<>();
            ((jakarta.validation.ConstraintViolationException) ex).getConstraintViolations().forEach(v -> {
                String path = v.getPropertyPath().toString();
                String field = path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
                String code = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                errors.add(Map.of("field", field, "code", code,
                        "message", v.getMessage() == null ? "is invalid" : v.getMessage()));
            });
            return errors;
        }
    }

    private static String jsonPath(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.toString();
            }
        }
        return "";
    }
}
