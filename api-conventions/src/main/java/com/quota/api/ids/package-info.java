/** Time-ordered ids for new records and the unique {@code externalRef} helper. */
package com.quota.api.ids;
