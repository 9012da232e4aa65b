package com.quota.resourceserver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a reactive app a Quota resource server: Boot's JWT decoder (JWKS signature, issuer) plus our
 * timestamp and roles validators, one security chain with the standard open paths, and problem+json
 * 401/403. Runs before Boot's own security auto-configurations so theirs back off.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
        beforeName = {
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, JwtAuthenticationConverter.class})
@EnableConfigurationProperties(QuotaSecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** Paths every Quota app serves without a token. */
    public static final List<String> STANDARD_OPEN_PATHS = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml");

    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    /** exp is required and checked with a small skew; Boot's decoder picks up this bean instead of its default. */
    @Bean
    JwtTimestampValidator quotaJwtTimestampValidator(QuotaSecurityProperties properties) {
        JwtTimestampValidator validator = new JwtTimestampValidator(properties.clockSkew());
        validator.setAllowEmptyExpiryClaim(false);
        return validator;
    }

    @Bean
    RolesClaimValidator quotaRolesClaimValidator(Environment environment) {
        // without an issuer Boot's decoder would accept any issuer's token signed by a key in the JWKS
        if (!StringUtils.hasText(environment.getProperty(ISSUER_URI))) {
            throw new IllegalStateException(ISSUER_URI + " must be set: Quota checks every token's issuer");
        }
        return new RolesClaimValidator();
    }

    /** The firewall's refusals as problem+json (WebFlux security's filter chain proxy picks this bean up). */
    @Bean
    @ConditionalOnMissingBean(ServerExchangeRejectedHandler.class)
    ServerExchangeRejectedHandler quotaExchangeRejectedHandler() {
        return new ProblemExchangeRejectedHandler();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain quotaSecurityWebFilterChain(ServerHttpSecurity http, QuotaSecurityProperties properties) {
        List<String> open = new ArrayList<>(STANDARD_OPEN_PATHS);
        open.addAll(properties.openPaths());
        ServerWebExchangeMatcher openPaths = PathsMatcher.of(open.toArray(String[]::new));
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler();

        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(new CallerAuthorities());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(openPaths).permitAll()
                        .matchers(PathsMatcher.of("/actuator", "/actuator/**")).hasAuthority(Role.ADMIN.authority())
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new OpenPathsBearerTokenConverter(openPaths))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(jwtConverter))))
                .build();
    }

    /** WebFlux security itself; Boot's equivalent sees the filter chain proxy and backs off. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFluxSecurity
    static class WebFluxSecurity {
    }

    /** Lets annotated controllers take a {@link Caller} parameter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebFluxConfigurer.class)
    static class CallerParameter implements WebFluxConfigurer {
        @Override
        public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
            configurer.addCustomResolver(new CallerArgumentResolver());
        }
    }
}
