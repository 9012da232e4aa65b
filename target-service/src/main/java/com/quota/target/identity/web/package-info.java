/** HTTP face of identity: {@code GET /api/org/me}. */
package com.quota.target.identity.web;
