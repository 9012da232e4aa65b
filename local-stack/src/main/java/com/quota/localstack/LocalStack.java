package com.quota.localstack;

import com.quota.localstack.cli.Arguments;
import com.quota.localstack.cli.Arguments.UsageException;
import com.quota.localstack.cli.Cli;

/** Entry point of {@code ./quota}: run, stop, status, token. Messages, never stack traces, for the expected failures. */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        // the runner's own libraries (zonky, Kafka admin client) are chatty at INFO; app logs go to their files
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code;
        try {
            code = Cli.run(args);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            code = 2;
        } catch (StackException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        } catch (RuntimeException e) {
            System.err.println("error: " + e);
            if (System.getenv("QUOTA_DEBUG") != null) {
                e.printStackTrace();
            } else {
                System.err.println("(QUOTA_DEBUG=1 shows the stack trace)");
            }
            code = 1;
        }
        System.exit(code);
    }
}
