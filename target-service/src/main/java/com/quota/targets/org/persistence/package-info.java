/** Reads of the org tables target-service owns (written through org-directory's OrgReplicaStore). */
package com.quota.targets.org.persistence;
