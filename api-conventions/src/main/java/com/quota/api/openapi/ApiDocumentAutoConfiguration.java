package com.quota.api.openapi;

import com.quota.resourceserver.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Keeps server-side handler arguments out of a service's OpenAPI document. A {@link Caller} is resolved from the
 * bearer token, yet springdoc listed it as a required query parameter {@code caller} on every operation that takes
 * it (99 operations), which no client can send and which a generator from the document would try to.
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class ApiDocumentAutoConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
