/** The kafka health contributor. */
package com.quota.messaging.health;
