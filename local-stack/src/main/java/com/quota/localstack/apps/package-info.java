/** The six apps as OS processes: their table of ports, databases and environment, start, health and stop. */
package com.quota.localstack.apps;
