/** The consumer of targets.org.v1 that keeps the org tables in step, through the inbox. */
package com.quota.orgdirectory.replica;
