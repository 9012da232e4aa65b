/**
 * The behaviour every Quota service shares, written once as JUnit Jupiter test interfaces whose {@code default}
 * {@code @Test} methods each service's test class inherits. A service's test states only its own facts through the
 * few abstract accessors (its name, the topics it publishes, ...); Spring beans a test needs are injected into the
 * test method as {@code @Autowired} parameters by the service's shared {@code SpringExtension} context.
 */
package com.quota.testsupport.service;
