/** Distribution of an annual target over months (even, profile, history) and the short-term model drafts. */
package com.quota.targets.distribution;
