/** The targets' outbound event: TargetPublished on targets.target.v1. */
package com.quota.targets.definition.integration;
