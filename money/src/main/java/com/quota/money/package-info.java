/** Exact money arithmetic: amounts at the currency's minor unit, largest-remainder splits that always sum, percentages. */
package com.quota.money;
