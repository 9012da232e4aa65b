package com.quota.resourceserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.stream.Collectors;

/**
 * Answers a missing or bad token with 401 problem+json and an RFC 6750 {@code WWW-Authenticate} header.
 * Neither the body nor the log ever holds the token: only why it was refused.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);
    private static final String REALM = "quota";

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        Reason reason = reasonFor(failure);
        if (reason.error() == null) {
            log.debug("401 {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    reason.detail());
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        } else {
            log.info("401 {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    reason.detail());
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
                    + "\", error=\"" + reason.error() + "\", error_description=\"" + quoteSafe(reason.detail()) + "\"");
        }
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                reason.detail());
    }

    /** Why the request was refused, in words safe to show: never the token or a parser's echo of it. */
    static Reason reasonFor(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth2) {
            OAuth2Error error = oauth2.getError();
            if (OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())) {
                return new Reason(OAuth2ErrorCodes.INVALID_REQUEST, "The Authorization header is malformed.");
            }
            JwtValidationException validation = findCause(failure, JwtValidationException.class);
            if (validation != null) {
                // validator descriptions are ours or Spring's fixed texts ("Jwt expired at ...", "The iss claim is not valid")
                String detail = validation.getErrors().stream().map(OAuth2Error::getDescription)
                        .filter(d -> d != null && !d.isBlank()).distinct().collect(Collectors.joining("; "));
                return new Reason(OAuth2ErrorCodes.INVALID_TOKEN,
                        detail.isEmpty() ? "The bearer token is not valid." : detail + ".");
            }
            return new Reason(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The bearer token could not be read or its signature is not valid.");
        }
        return new Reason(null, "A bearer token is required.");
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String quoteSafe(String text) {
        return text.replace('"', '\'').replace('\\', '/');
    }

    record Reason(String error, String detail) {
    }
}
