/** Use cases of the org tree: idempotent PUTs, moves, deactivation, each written, published and audited in one transaction. */
package com.quota.targets.org.application;
