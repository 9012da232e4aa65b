package com.quota.authserver.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.quota.authserver.AuthServerITBase;
import com.quota.localstack.token.TokenRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Users sign in through the real authorization code + PKCE flow (TokenClient plays the browser). */
@ExtendWith(OutputCaptureExtension.class)
class UserTokenIT extends AuthServerITBase {

    private static final String REP_LI_ID = "ba6be0aa-cfa7-5e09-92a9-428f7a2b021d";

    @Test
    void repGetsRoleRepAndTheirRepId(CapturedOutput output) throws Exception {
        String token = TOKENS.userToken(base(), "rep.li", PASSWORD);
        JWTClaimsSet claims = claims(token);

        assertThat(claims.getSubject()).isEqualTo("rep.li");
        assertThat(claims.getStringListClaim("roles")).containsExactly("REP");
        assertThat(claims.getStringClaim("rep_id")).isEqualTo(REP_LI_ID);
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(verifiesAgainstJwks(token, base())).isTrue();
        // nothing the server logged while issuing it contains the token or its signature
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void adminGetsRoleAdminWithoutRepId() throws Exception {
        JWTClaimsSet claims = claims(TOKENS.userToken(base(), "admin", PASSWORD));

        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(claims.getClaims()).doesNotContainKey("rep_id");
    }

    @Test
    void managerAndDirectorGetTheirRoles() throws Exception {
        assertThat(claims(TOKENS.userToken(base(), "manager.wang", PASSWORD)).getStringListClaim("roles")).containsExactly("MANAGER");
        JWTClaimsSet director = claims(TOKENS.userToken(base(), "director.zhang", PASSWORD));
        assertThat(director.getStringListClaim("roles")).containsExactly("DIRECTOR");
        assertThat(director.getStringClaim("rep_id")).isNotBlank();
    }

    @Test
    void wrongPasswordGetsNoToken() {
        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.userToken(base(), "rep.li", "not-the-password"));
        assertThat(e).as("no token").isNotNull();

        assertThat(e.error()).isEqualTo("login_failed");
    }

    @Test
    void unknownUserGetsNoToken() {
        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.userToken(base(), "rep.nobody", PASSWORD));
        assertThat(e).as("no token").isNotNull();

        assertThat(e.error()).isEqualTo("login_failed");
    }
}
