package com.quota.api;

import com.quota.api.testapp.ApiConventionsTestApplication;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

/**
 * The one Spring context of the module's integration tests: the test app on a fresh embedded PostgreSQL 17 database,
 * secured with real signed test tokens. Tests share it, so each works in its own batch of deals.
 */
@SpringBootTest(classes = ApiConventionsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class AbstractApiConventionsIT {

    protected static final String PROBLEMS = "https://quota.example/problems/";

    @Autowired
    protected WebTestClient client;
    @Autowired
    protected DatabaseClient db;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "api_conventions");
        TestTokens.registerResourceServer(registry);
    }

    /** A fresh batch name, so tests sharing the context never see each other's deals. */
    protected static String newBatch(String name) {
        return name + "-" + UUID.randomUUID();
    }

    protected long count(String sql, String name, Object value) {
        return db.sql(sql).bind(name, value).map((row, meta) -> row.get(0, Long.class)).one().blockOptional().orElse(0L);
    }
}
