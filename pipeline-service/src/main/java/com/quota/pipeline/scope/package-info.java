/** Who may see what: the caller's scope over reps, resolved from the service's copy of the org tree. */
package com.quota.pipeline.scope;
