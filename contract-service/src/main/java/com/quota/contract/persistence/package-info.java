/** R2DBC storage of contracts, approval rules and settings, and the SQL of list queries and statistics. */
package com.quota.contract.persistence;
