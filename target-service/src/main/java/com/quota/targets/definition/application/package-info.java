/** Target use cases: create, lifecycle, versions, allocation, distribution, bottom-up; each in one transaction. */
package com.quota.targets.definition.application;
