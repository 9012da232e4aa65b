/** contract-service: contract lifecycle, approvals, amendments, execution and payments. */
package com.quota.contract;
