package com.quota.resourceserver;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** The caller of the current request, read from the reactive security context. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** The authenticated caller, or empty on an open path called without a token. */
    public static Mono<Caller> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .flatMap(CurrentCaller::from);
    }

    /** The authenticated caller; fails with {@link IllegalStateException} when there is none. */
    public static Mono<Caller> require() {
        return get().switchIfEmpty(Mono.error(() -> new IllegalStateException("no authenticated caller")));
    }

    static Mono<Caller> from(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            return Mono.just(Caller.from(token.getToken()));
        }
        return Mono.empty();
    }
}
