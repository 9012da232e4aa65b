/** R2DBC adapters of attainment: the ledger lines, their roll-up, the counters, and the reads of the figures. */
package com.quota.targets.attainment.persistence;
