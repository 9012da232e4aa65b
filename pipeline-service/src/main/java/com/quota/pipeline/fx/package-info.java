/** The FX rate table: reporting-currency units per unit of another currency, by date. */
package com.quota.pipeline.fx;
