package com.quota.localstack.cli;

import java.util.Arrays;
import java.util.List;

/** Parses the {@code ./quota} command line into a {@link Command}. */
public final class Arguments {

    public static final String USAGE = """
            usage: ./quota [run] [--reset] [--demo-data] [--build]
                   ./quota stop
                   ./quota status
                   ./quota token <username> [--password <p>]    (e.g. TOKEN=$(./quota token rep.li))
                   ./quota token --client <clientId> [--secret <secret>] [--scope <scope> ...]

              run          start PostgreSQL, Kafka and the six apps; Ctrl-C or ./quota stop stops them
                --reset      wipe the local data (.local-stack) first
                --demo-data  load the demo company through the gateway's API once the stack is healthy
                --build      rebuild the jars first (./mvnw install), even when they look up to date
              stop         stop the running stack
              status       show which processes and ports are up and each app's health
              token        print an access token from the local auth-server (only the token, on stdout)
                --password   the user's password (default quota-demo, or QUOTA_DEMO_PASSWORD)
                --auth-server <url>  another auth-server (default http://localhost:9000)

            Ports and folders are set by environment variables; see docs/local-stack.md.""";

    private Arguments() {
    }

    /** The command for these arguments; throws {@link UsageException} for anything it does not know. */
    public static Command parse(String... args) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.get(0).startsWith("--")) {
            return run(list);
        }
        String verb = list.get(0);
        List<String> rest = list.subList(1, list.size());
        return switch (verb) {
            case "run" -> run(rest);
            case "stop" -> noArguments(verb, rest, new Command.Stop());
            case "status" -> noArguments(verb, rest, new Command.Status());
            case "token" -> token(rest);
            case "help", "-h" -> new Command.Help();
            default -> throw new UsageException("unknown command '" + verb + "'");
        };
    }

    private static Command run(List<String> options) {
        boolean reset = false;
        boolean demoData = false;
        for (String option : options) {
            switch (option) {
                case "--reset" -> reset = true;
                case "--demo-data" -> demoData = true;
                // handled by the ./quota script before Java starts; harmless here
                case "--build" -> { }
                case "--help", "-h" -> {
                    return new Command.Help();
                }
                default -> throw new UsageException("unknown option '" + option + "' for run");
            }
        }
        return new Command.Run(reset, demoData);
    }

    private static Command token(List<String> rest) {
        if (rest.isEmpty()) {
            throw new UsageException("token needs a username or --client <clientId>");
        }
        return new Command.Token(rest);
    }

    private static Command noArguments(String verb, List<String> rest, Command command) {
        if (!rest.isEmpty()) {
            throw new UsageException(verb + " takes no arguments, got " + String.join(" ", rest));
        }
        return command;
    }

    /** The command line does not make sense; the message says why. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
