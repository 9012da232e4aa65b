/** The company settings row. */
package com.quota.targets.settings.persistence;
