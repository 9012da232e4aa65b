/** Targets: monthly amounts, the lifecycle with its role rules, versions in force, bottom-up figures. */
package com.quota.targets.definition;
