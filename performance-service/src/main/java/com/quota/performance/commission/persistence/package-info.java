/** R2DBC adapters of commission plans, assignments and issued statements. */
package com.quota.performance.commission.persistence;
