/** Events in (the consumer's own records of attainment and contract events) and out (statement and scorecard events). */
package com.quota.performance.integration;
