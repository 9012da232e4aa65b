package com.quota.authserver;

import com.quota.localstack.token.TokenRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Starting again keeps what was written": a second auth-server on the same database (as after a
 * restart or beside a second instance) sees the same keys, clients, client status and authorizations.
 */
class RestartIT extends AuthServerITBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRestartedServerKeepsKeysClientsStatusAndAuthorizations() {
        String repToken = TOKENS.userToken(base(), "rep.li", PASSWORD);
        String clientToken = crmToken();
        String webClientRowId = jdbc.queryForObject("SELECT id FROM oauth2_registered_client WHERE client_id = 'quota-web'", String.class);
        int authorizations = jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization", Integer.class);
        String admin = adminClientToken();
        assertThat(post(base() + "/admin/clients/erp-finance/disable", admin).statusCode()).isEqualTo(200);

        try (ConfigurableApplicationContext restarted = startSecondServer()) {
            String restartedBase = "http://localhost:" + ((WebServerApplicationContext) restarted).getWebServer().getPort();

            assertThat(jwks(restartedBase).getKeyByKeyId(kid(repToken))).isNotNull();
            assertThat(verifiesAgainstJwks(repToken, restartedBase)).isTrue();
            assertThat(verifiesAgainstJwks(clientToken, restartedBase)).isTrue();
            // a token the first server issued is accepted by the second one's admin API
            assertThat(get(restartedBase + "/admin/clients", admin).statusCode()).isEqualTo(200);

            JdbcTemplate restartedJdbc = restarted.getBean(JdbcTemplate.class);
            assertThat(restartedJdbc.queryForObject("SELECT id FROM oauth2_registered_client WHERE client_id = 'quota-web'", String.class))
                    .isEqualTo(webClientRowId);
            assertThat(restartedJdbc.queryForObject("SELECT count(*) FROM oauth2_authorization", Integer.class))
                    .isGreaterThanOrEqualTo(authorizations).isPositive();
            assertThatThrownBy(() -> TOKENS.clientCredentials(restartedBase, "erp-finance", ERP_SECRET, "payments.write"))
                    .as("disabled before the restart, still disabled after")
                    .isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.status()).isEqualTo(401));

            // and it issues tokens the first server verifies
            String fromRestarted = TOKENS.userToken(restartedBase, "admin", PASSWORD);
            assertThat(verifiesAgainstJwks(fromRestarted, base())).isTrue();
        } finally {
            assertThat(post(base() + "/admin/clients/erp-finance/enable", adminClientToken()).statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext startSecondServer() {
        return new SpringApplicationBuilder(AuthServerApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--quota.auth.issuer=" + ISSUER,
                "--quota.auth.access-token-ttl=2m",
                "--quota.auth.client-secrets.erp-finance=" + ERP_SECRET);
    }
}
