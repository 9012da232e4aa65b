/** The org tree's outbound events: OrgUnitChanged and RepChanged on targets.org.v1. */
package com.quota.targets.org.integration;
