package com.quota.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * On API routes, after the token check: a body over {@code max-body-size} ({@code max-file-size} for the file
 * uploads) (by Content-Length, or counted as it arrives when chunked) is 413 and a body of a media type
 * no service reads is 415, both problem+json, and the service never sees the request. A malformed JSON
 * body passes: the service parses it and answers its own 400.
 */
@Component
public class RequestLimitsFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final EdgeProperties edge;
    private final List<MediaType> accepted;

    public RequestLimitsFilter(EdgeProperties edge) {
        this.edge = edge;
        this.accepted = edge.bodyMediaTypes().stream().map(MediaType::parseMediaType).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null || !route.getId().endsWith("-api") && !route.getId().endsWith("-export")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        long max = edge.maxBodyBytes(exchange.getRequest().getPath().value());
        if (length > max) {
            return EdgeProblems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body has " + length + " bytes; at most " + max + " are accepted.");
        }
        boolean hasBody = length > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (hasBody && WITH_BODY.contains(exchange.getRequest().getMethod()) && !acceptedMediaType(headers)) {
            return EdgeProblems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + headers.getFirst(HttpHeaders.CONTENT_TYPE) + " is not accepted; send one of "
                            + edge.bodyMediaTypes() + ".");
        }
        if (length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return withinLimitWhenChunked(exchange, chain, max);
        }
        return chain.filter(exchange);
    }

    /**
     * A chunked body has no length up front: read it (at most {@code max} bytes are ever held) and refuse it
     * with 413 once it grows past the limit; a body within the limit goes on as read.
     */
    private static Mono<Void> withinLimitWhenChunked(ServerWebExchange exchange, GatewayFilterChain chain, long max) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(max, Integer.MAX_VALUE))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> {
                    ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return body.map(Flux::just).orElseGet(Flux::empty);
                        }
                    };
                    return chain.filter(exchange.mutate().request(request).build());
                })
                .onErrorResume(DataBufferLimitException.class, tooLarge -> EdgeProblems.write(exchange,
                        HttpStatus.CONTENT_TOO_LARGE, "The request body has more than " + max
                                + " bytes; at most " + max + " are accepted."));
    }

    private boolean acceptedMediaType(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            return type != null && accepted.stream().anyMatch(ok -> ok.includes(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        // after the rate limit: a flood of oversized bodies is still a flood
        return Ordered.HIGHEST_PRECEDENCE + 1100;
    }
}
