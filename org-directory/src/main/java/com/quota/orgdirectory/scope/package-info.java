/** Caller scope: who sees which reps and units on a day, as SQL predicates for lists and checks for single records. */
package com.quota.orgdirectory.scope;
