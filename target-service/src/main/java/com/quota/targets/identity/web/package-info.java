/** HTTP face of identity: {@code GET /api/org/me}. */
package com.quota.targets.identity.web;
