/** HTTP face of the org tree: /api/org/units/** and /api/org/reps/**. */
package com.quota.targets.org.web;
