/** Execution of a signed contract: milestones and percent complete, payment plans, payments and collection figures. */
package com.quota.contract.execution;
