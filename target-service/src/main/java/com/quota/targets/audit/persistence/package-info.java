/** The audit trail table of org and target changes. */
package com.quota.targets.audit.persistence;
