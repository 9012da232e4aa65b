package com.quota.resourceserver;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the bearer token except on open paths, so a stale token sent to a health check or the API docs
 * does not turn an open page into a 401.
 */
final class OpenPathsBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerWebExchangeMatcher openPaths;
    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();

    OpenPathsBearerTokenConverter(ServerWebExchangeMatcher openPaths) {
        this.openPaths = openPaths;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return openPaths.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.<Authentication>empty() : bearer.convert(exchange));
    }
}
