/** HTTP concerns shared by every endpoint of pipeline-service: RFC 9457 problem responses. */
package com.quota.pipeline.web;
