/** Targets, versions and amounts in PostgreSQL (R2DBC). */
package com.quota.targets.definition.persistence;
