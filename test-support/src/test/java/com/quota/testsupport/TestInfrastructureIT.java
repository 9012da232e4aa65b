package com.quota.testsupport;

import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestInfrastructureIT {

    @Test
    void everyCallGetsItsOwnEmptyDatabase() throws Exception {
        TestDatabase first = TestPostgres.newDatabase("first");
        TestDatabase second = TestPostgres.newDatabase("first");
        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password())) {
            c.createStatement().execute("create table rep (id uuid primary key)");
            c.createStatement().execute("insert into rep values ('" + UUID.randomUUID() + "')");
        }
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_name = 'rep'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void tokensVerifyAgainstTheServedJwksAndForgeriesDoNot() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(TestTokens.jwkSetUri()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestTokens.ISSUER));
        UUID repId = UUID.randomUUID();

        Jwt jwt = decoder.decode(TestTokens.rep(repId));
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("REP");
        assertThat(jwt.getClaimAsString("rep_id")).isEqualTo(repId.toString());
        assertThat(decoder.decode(TestTokens.integration("crm-sync", "opportunities.write")).getClaimAsString("scope"))
                .isEqualTo("opportunities.write");

        assertThatThrownBy(() -> decoder.decode(TestTokens.signedByStranger())).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TestTokens.expired())).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TestTokens.wrongIssuer())).isInstanceOf(JwtException.class);
    }
}
