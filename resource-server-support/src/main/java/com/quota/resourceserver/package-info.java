/** Makes a WebFlux app an OAuth2 resource server with Quota's roles, callers and problem+json 401/403. */
package com.quota.resourceserver;
