package com.quota.messaging.health;

import com.quota.messaging.MessagingProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

/**
 * The {@code kafka} health contributor, shown in {@code /actuator/health}. Keep it out of the readiness group
 * ({@code management.endpoint.health.group.readiness.include=readinessState,r2dbc}): while Kafka is down the outbox
 * takes the writes, so the service stays ready.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, KafkaTemplate.class})
@ConditionalOnEnabledHealthIndicator("kafka")
@EnableConfigurationProperties(MessagingProperties.class)
public final class KafkaHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connectionDetails,
                                              MessagingProperties properties) {
        Map<String, Object> config = kafka.buildAdminProperties();
        connectionDetails.ifAvailable(details -> {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", details.getAdmin().getBootstrapServers()));
            if (details.getAdmin().getSecurityProtocol() != null) {
                config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, details.getAdmin().getSecurityProtocol());
            }
        });
        return new KafkaHealthIndicator(config, properties.getHealth().getTimeout());
    }
}
