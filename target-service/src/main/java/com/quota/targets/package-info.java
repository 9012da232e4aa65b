/** target-service: org hierarchy, fiscal calendar, targets, allocation and attainment. */
package com.quota.targets;
