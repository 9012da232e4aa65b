package com.quota.httpproblems.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny app secured like the services (resource-server-support) that takes http-problems as they do. */
@SpringBootApplication
public class ProblemsTestApplication {
}
