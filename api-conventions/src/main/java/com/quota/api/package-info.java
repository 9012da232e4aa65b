/** The HTTP API conventions every Quota endpoint follows, wired by {@link com.quota.api.ApiConventionsAutoConfiguration}. */
package com.quota.api;
