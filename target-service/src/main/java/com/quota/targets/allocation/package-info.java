/** Top-down allocation of a parent's target to its children (equal, ratio, history; normalized or additive adjustments). */
package com.quota.targets.allocation;
