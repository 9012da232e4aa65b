package com.quota.resourceserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers an authenticated caller whose role may not do this at all with 403 problem+json. */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAccessDeniedHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return exchange.getPrincipal().map(p -> p.getName()).defaultIfEmpty("anonymous").flatMap(who -> {
            log.info("403 {} {} for {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), who);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"quota\", error=\"insufficient_scope\", "
                            + "error_description=\"The caller's role may not do this.\"");
            return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "The caller's role may not do this.");
        });
    }
}
