package com.quota.targets.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the CSV import settings. */
@Configuration
@EnableConfigurationProperties(TargetImportProperties.class)
class TargetImportConfiguration {
}
