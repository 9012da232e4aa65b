/** Test scope only: real infrastructure for integration tests (embedded PostgreSQL, signed tokens). */
package com.quota.testsupport;
