/** Attainment use cases: crediting source events into the ledger and counters, and reading the figures. */
package com.quota.targets.attainment.application;
