/** The org tree target-service owns: dated memberships, managers and parents, and the rules that keep the tree a tree. */
package com.quota.targets.org;
