/** How the kit's types appear in a service's OpenAPI document (springdoc, when the service has it). */
package com.quota.api.openapi;
