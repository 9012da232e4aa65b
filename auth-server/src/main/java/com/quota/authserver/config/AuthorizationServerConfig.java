package com.quota.authserver.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.quota.authserver.client.ClientRegistrar;
import com.quota.authserver.client.ClientRegistry;
import com.quota.authserver.client.ClientStatusStore;
import com.quota.authserver.client.QuotaClients;
import com.quota.authserver.directory.DemoCompany;
import com.quota.authserver.directory.DemoCompanyReader;
import com.quota.authserver.directory.Directory;
import com.quota.authserver.directory.DirectoryUserDetailsService;
import com.quota.authserver.key.SigningKeyJwkSource;
import com.quota.authserver.key.SigningKeyStore;
import com.quota.authserver.token.ExpiredAuthorizationCleanup;
import com.quota.authserver.token.QuotaTokenClaims;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The authorization server's parts: users, clients, authorizations and keys, all but users in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuthorizationServerConfig {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerProperties props) {
        return AuthorizationServerSettings.builder().issuer(props.issuer()).build();
    }

    @Bean
    DemoCompany demoCompany(AuthServerProperties props) {
        try {
            return DemoCompanyReader.read(props.demoCompany().getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read quota.auth.demo-company " + props.demoCompany(), e);
        }
    }

    @Bean
    Directory directory(DemoCompany demoCompany) {
        return new Directory(demoCompany);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; client secrets and the demo password are stored BCrypt-hashed
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(Directory directory, PasswordEncoder passwordEncoder, AuthServerProperties props) {
        return new DirectoryUserDetailsService(directory, passwordEncoder.encode(props.demoPassword()));
    }

    @Bean
    ClientStatusStore clientStatusStore(JdbcOperations jdbc) {
        return new ClientStatusStore(jdbc);
    }

    @Bean
    ClientRegistry registeredClientRepository(JdbcOperations jdbc, ClientStatusStore statuses) {
        return new ClientRegistry(jdbc, statuses);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, ClientRegistry clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc, ClientRegistry clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    SigningKeyStore signingKeyStore(JdbcOperations jdbc, TransactionTemplate tx) {
        return new SigningKeyStore(jdbc, tx);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyStore keys) {
        return new SigningKeyJwkSource(keys);
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
        // several keys are published after a rotation; the source lists the ACTIVE one first
        encoder.setJwkSelector(jwks -> jwks.get(0));
        return encoder;
    }

    /** Checks tokens presented to this server (admin API, OIDC userinfo): our keys and our issuer. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthServerProperties props) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(props.issuer()));
        return decoder;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> quotaTokenClaims(Directory directory) {
        return new QuotaTokenClaims(directory);
    }

    @Bean
    ExpiredAuthorizationCleanup expiredAuthorizationCleanup(JdbcOperations jdbc, AuthServerProperties props) {
        return new ExpiredAuthorizationCleanup(jdbc, props, Clock.systemUTC());
    }

    @Bean
    ClientRegistrar clientRegistrar(ClientRegistry clients, PasswordEncoder passwordEncoder, TransactionTemplate tx, JdbcOperations jdbc) {
        return new ClientRegistrar(clients, passwordEncoder, tx, jdbc);
    }

    /** Before the web server takes requests: configured clients registered, a signing key present. */
    @Bean
    SmartInitializingSingleton registerClientsAndKeys(ClientRegistrar registrar, AuthServerProperties props,
                                                      DemoCompany company, SigningKeyStore keys) {
        return () -> {
            registrar.registerAll(QuotaClients.definitions(props, company));
            keys.ensureActiveKey();
        };
    }
}
