/** The read model of attainment: each rep's credit lines and every owner's latest actual and targets per period. */
package com.quota.performance.attainment;
