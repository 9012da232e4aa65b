package com.quota.httpproblems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Gives every reactive web app Quota's {@link ProblemDetailsAdvice}. Runs before Boot's WebFlux
 * auto-configuration so Boot's own problem-details handler (which backs off when a
 * {@link ResponseEntityExceptionHandler} exists) does not answer instead.
 */
@AutoConfiguration(before = WebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemDetailsAutoConfiguration {

    /** A service that brings its own exception handler of this kind keeps it. */
    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice quotaProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Values of the wrong JSON type are refused (400), not coerced into something the caller never sent. */
    @Bean
    StrictJsonInput quotaStrictJsonInput() {
        return new StrictJsonInput();
    }
}
