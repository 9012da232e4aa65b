/** HTTP concerns shared by every endpoint of contract-service: RFC 9457 problem responses. */
package com.quota.contract.web;
