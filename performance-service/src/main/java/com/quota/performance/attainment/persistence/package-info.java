/** R2DBC adapter of the attainment read model. */
package com.quota.performance.attainment.persistence;
