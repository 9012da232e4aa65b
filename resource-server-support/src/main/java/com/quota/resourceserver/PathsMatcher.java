package com.quota.resourceserver;

import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;

/**
 * Matches a request of any method whose path matches one of a few patterns, as
 * {@code ServerWebExchangeMatchers.pathMatchers(...)} does, without its per-pattern debug messages: Spring Security
 * builds those strings on every request even with DEBUG off (the commons-logging bridge formats the message before
 * the level check), which cost about 13 KB of garbage and a few dozen string formats per request on each hop.
 */
final class PathsMatcher implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();

    private final List<PathPattern> patterns;

    private PathsMatcher(List<PathPattern> patterns) {
        this.patterns = patterns;
    }

    static PathsMatcher of(String... patterns) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return new PathsMatcher(Arrays.stream(patterns).map(parser::parse).toList());
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return matches(exchange.getRequest().getPath().pathWithinApplication()) ? MATCH : MatchResult.notMatch();
    }

    boolean matches(PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PathsMatcher" + patterns;
    }
}
