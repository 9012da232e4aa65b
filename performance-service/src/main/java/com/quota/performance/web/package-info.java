/** HTTP concerns shared by every endpoint of performance-service: RFC 9457 problem responses. */
package com.quota.performance.web;
