/** HTTP plumbing shared by the admin endpoints: RFC 9457 problem responses. */
package com.quota.authserver.web;
