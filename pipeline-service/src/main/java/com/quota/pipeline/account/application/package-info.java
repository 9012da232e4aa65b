/** Account and customer-pool use cases and their store. */
package com.quota.pipeline.account.application;
