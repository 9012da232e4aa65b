/** Spring wiring of attainment: settings, the company calendar it reads, the adapters behind its ports. */
package com.quota.targets.attainment.config;
