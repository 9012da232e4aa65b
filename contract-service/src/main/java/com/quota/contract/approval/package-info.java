/** Approval chains by value thresholds: the configurable rules and the steps of a submission. */
package com.quota.contract.approval;
