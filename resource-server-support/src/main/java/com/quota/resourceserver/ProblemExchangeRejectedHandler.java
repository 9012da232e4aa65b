package com.quota.resourceserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request the security firewall refuses (an encoded {@code %00}, {@code %2F} or {@code ..} in the path, a
 * bad header) with 400 problem+json, where Spring's default answers an empty 400. The log keeps the firewall's reason.
 */
final class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExchangeRejectedHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.debug("400 {} refused by the firewall: {}", exchange.getRequest().getMethod(), rejected.getMessage());
        return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The request path or a header holds characters that are not allowed.");
    }
}
