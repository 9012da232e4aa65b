/** The demo company: its one definition, a seeded generator for a year of business data, and the loader that feeds it through the gateway. */
package com.quota.localstack.demo;
