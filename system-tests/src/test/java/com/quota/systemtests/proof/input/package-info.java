/**
 * Proof suite, part 2 (issue #23): bad input generated from every service's OpenAPI document, sent through the
 * gateway with tokens of a role that may call each operation; verdicts on statuses, problem+json and an
 * unchanged store.
 */
package com.quota.systemtests.proof.input;
