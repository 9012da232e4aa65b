/** The org tables over R2DBC: the OrgDirectory queries (recursive CTEs) and the OrgReplicaStore writes. */
package com.quota.orgdirectory.persistence;
