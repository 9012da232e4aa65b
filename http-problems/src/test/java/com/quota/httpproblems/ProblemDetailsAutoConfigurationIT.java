package com.quota.httpproblems;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/** The advice comes with every reactive web app, instead of Boot's own, and steps aside for a service's own. */
class ProblemDetailsAutoConfigurationIT {

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withPropertyValues("spring.webflux.problemdetails.enabled=true")
            .withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class));

    @Test
    void reactiveAppGetsTheAdviceInsteadOfBootsProblemDetailsHandler() {
        reactive.run(context -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
                .hasSingleBean(ProblemDetailsAdvice.class));
    }

    @Test
    void serviceWithItsOwnExceptionHandlerKeepsIt() {
        reactive.withUserConfiguration(OwnHandler.class)
                .run(context -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
                        .doesNotHaveBean(ProblemDetailsAdvice.class));
    }

    @Test
    void appThatIsNotReactiveGetsNoAdvice() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHandler {
        @Bean
        ResponseEntityExceptionHandler ownHandler() {
            return new ResponseEntityExceptionHandler() {
            };
        }
    }
}
