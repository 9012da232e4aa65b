/** The org tree replica every service keeps (from targets.org.v1) and the caller scope it decides. */
package com.quota.orgdirectory;
