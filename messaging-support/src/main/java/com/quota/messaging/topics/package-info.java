/** Topic declarations: partitions, retention, compaction and the -dlt twins. */
package com.quota.messaging.topics;
