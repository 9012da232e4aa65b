package com.quota.contract.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of contract-service.
 *
 * @param autoDraftByDefault whether a won opportunity drafts a contract when its pipeline has no setting of its own
 */
@ConfigurationProperties("quota.contracts")
public record ContractSettings(@DefaultValue("true") boolean autoDraftByDefault) {
}
