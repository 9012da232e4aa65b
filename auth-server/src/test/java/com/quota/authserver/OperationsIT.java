package com.quota.authserver;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIT extends AuthServerITBase {

    @Test
    void discoveryDocumentsNameTheConfiguredIssuer() {
        HttpResponse<String> oidc = get(base() + "/.well-known/openid-configuration", null);
        HttpResponse<String> oauth = get(base() + "/.well-known/oauth-authorization-server", null);

        assertThat(oidc.statusCode()).isEqualTo(200);
        assertThat(json(oidc).get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(json(oidc).get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(oauth.statusCode()).isEqualTo(200);
        assertThat(json(oauth).get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(json(oauth).get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void healthInfoAndPrometheusAreOpenAndHealthIncludesTheDatabase() {
        HttpResponse<String> health = get(base() + "/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
        assertThat(json(health).get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(get(base() + "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get(base() + "/actuator/info", null).statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = get(base() + "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void frontEndOriginMayCallTheTokenEndpointAndOthersMayNot() {
        HttpResponse<String> allowed = preflight("http://localhost:3000");
        HttpResponse<String> foreign = preflight("http://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        assertThat(get(base() + "/actuator/env", null).statusCode()).isNotEqualTo(200);
    }
}
