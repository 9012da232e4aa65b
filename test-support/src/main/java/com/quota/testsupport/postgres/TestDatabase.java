package com.quota.testsupport.postgres;

/** One empty database on the test JVM's embedded PostgreSQL. */
public record TestDatabase(String name, String host, int port, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }
}
