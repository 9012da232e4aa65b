/** The accounts and customer pool API: {@code /api/accounts}. */
package com.quota.pipeline.account.web;
