package com.quota.messaging.faults;

import com.quota.messaging.testapp.TestMessagingApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The test application as a consumer of its own JVM (no relay), for a test that kills it with SIGKILL.
 * Arguments: {@code name=value} properties.
 */
public final class FaultConsumerMain {

    private FaultConsumerMain() {
    }

    public static void main(String[] args) {
        Map<String, Object> properties = new HashMap<>();
        Arrays.stream(args).map(arg -> arg.split("=", 2)).forEach(kv -> properties.put(kv[0], kv[1]));
        properties.put("quota.messaging.relay.enabled", "false");
        new SpringApplicationBuilder(TestMessagingApplication.class).web(WebApplicationType.NONE).properties(properties).run();
    }
}
