/** What the gateway itself answers at the edge: request limits (413, 415), its own errors as problem+json, CORS. */
package com.quota.gateway.edge;
