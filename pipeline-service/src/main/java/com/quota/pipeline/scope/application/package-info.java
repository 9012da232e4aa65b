/** How the caller's scope is resolved. */
package com.quota.pipeline.scope.application;
