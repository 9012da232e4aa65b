/** HTTP concerns shared by the controllers: problem+json for business refusals, ETags and If-Match. */
package com.quota.pipeline.web;
