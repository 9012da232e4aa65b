/** Wiring: properties, the security filter chains and the authorization server's JDBC-backed parts. */
package com.quota.authserver.config;
