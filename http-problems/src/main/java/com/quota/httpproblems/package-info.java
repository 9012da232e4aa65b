/** RFC 9457 problem+json answers for every error a WebFlux request can meet after security, with stable type URIs. */
package com.quota.httpproblems;
