package com.quota.authserver.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.quota.authserver.AuthServerITBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyIT extends AuthServerITBase {

    @Test
    void jwksPublishesTheSigningKeyWithKidAndNoPrivatePart() {
        String token = crmToken();
        JWKSet jwks = jwks(base());

        assertThat(kid(token)).isNotBlank();
        assertThat(jwks.getKeyByKeyId(kid(token))).isNotNull();
        assertThat(jwks.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(verifiesAgainstJwks(token, base())).isTrue();
    }

    @Test
    void rotationPublishesBothKeysAndSignsWithTheNewOne() {
        String admin = adminClientToken();
        String before = crmToken();
        String oldKid = kid(before);

        HttpResponse<String> rotated = post(base() + "/admin/keys/rotate", admin);

        assertThat(rotated.statusCode()).isEqualTo(201);
        String newKid = json(rotated).get("kid").asString();
        assertThat(json(rotated).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(jwks(base()).getKeys()).extracting(JWK::getKeyID).contains(oldKid, newKid);

        String after = crmToken();
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(verifiesAgainstJwks(after, base())).isTrue();
        assertThat(verifiesAgainstJwks(before, base())).as("a token signed before the rotation still verifies").isTrue();
        // the admin endpoints accept tokens signed by either key
        assertThat(get(base() + "/admin/keys", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void retiredKeyLeavesTheJwksAndTheActiveKeyCannotBeRetired() {
        String admin = adminClientToken();
        String oldKid = kid(crmToken());
        String newKid = json(post(base() + "/admin/keys/rotate", admin)).get("kid").asString();

        HttpResponse<String> activeRetire = post(base() + "/admin/keys/" + newKid + "/retire", admin);
        assertThat(activeRetire.statusCode()).isEqualTo(409);
        assertThat(json(activeRetire).get("type").asString()).isEqualTo("https://quota.example/problems/active-signing-key");

        HttpResponse<String> retired = post(base() + "/admin/keys/" + oldKid + "/retire", adminClientToken());
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(json(retired).get("status").asString()).isEqualTo("RETIRED");
        assertThat(jwks(base()).getKeys()).extracting(JWK::getKeyID).doesNotContain(oldKid).contains(newKid);
        assertThat(kid(crmToken())).isEqualTo(newKid);
    }

    @Test
    void unknownKeyAnswers404Problem() {
        HttpResponse<String> response = post(base() + "/admin/keys/no-such-kid/retire", adminClientToken());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("https://quota.example/problems/signing-key-not-found");
    }

    @Test
    void keyRotationNeedsAnAdmin() {
        String before = kid(crmToken());

        assertThat(post(base() + "/admin/keys/rotate", null).statusCode()).isEqualTo(401);
        assertThat(post(base() + "/admin/keys/rotate", crmToken()).statusCode()).isEqualTo(403);
        assertThat(kid(crmToken())).isEqualTo(before);
    }
}
