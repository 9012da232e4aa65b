/** The org tree as plain Java: dated parents, ancestors, subtrees, memberships, managers. No Spring, no R2DBC. */
package com.quota.orgdirectory.tree;
