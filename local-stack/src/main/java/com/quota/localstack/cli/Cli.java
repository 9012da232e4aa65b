package com.quota.localstack.cli;

import com.quota.localstack.StackOptions;
import com.quota.localstack.StackState;
import com.quota.localstack.apps.App;
import com.quota.localstack.token.TokenCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Dispatches a parsed command line to its command; returns the exit code. */
public final class Cli {

    /** System property the ./quota script sets to the repository root (default: the working directory). */
    public static final String HOME_PROPERTY = "quota.home";
    /** The token command's own override of the auth-server address. */
    static final String AUTH_SERVER_URL_VARIABLE = "QUOTA_AUTH_SERVER_URL";

    private Cli() {
    }

    public static int run(String... args) {
        Command command = Arguments.parse(args);
        Map<String, String> env = System.getenv();
        Path repoRoot = Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
        if (command instanceof Command.Help) {
            System.out.println(Arguments.USAGE);
            return 0;
        }
        if (command instanceof Command.Token token) {
            // only the token on stdout, so TOKEN=$(./quota token rep.li) works
            return TokenCommand.run(tokenArguments(token, StackOptions.fromEnvironment(env, repoRoot)), env, System.out, System.err);
        }
        StackOptions options = StackOptions.fromEnvironment(env, repoRoot);
        if (command instanceof Command.Stop) {
            return StopCommand.run(options, System.out);
        }
        if (command instanceof Command.Status) {
            return StatusCommand.run(options, System.out);
        }
        return RunCommand.run((Command.Run) command, options, env, System.out);
    }

    /** The token command's arguments, pointed at the running stack's auth-server unless the caller chose one. */
    static String[] tokenArguments(Command.Token token, StackOptions options) {
        List<String> arguments = new ArrayList<>(token.arguments());
        if (!arguments.contains("--auth-server") && System.getenv(AUTH_SERVER_URL_VARIABLE) == null) {
            StackState.read(options.baseDir())
                    .map(state -> state.port(StackState.key(App.AUTH_SERVER)))
                    .filter(OptionalInt::isPresent)
                    .ifPresent(port -> {
                        arguments.add("--auth-server");
                        arguments.add("http://localhost:" + port.getAsInt());
                    });
        }
        return arguments.toArray(String[]::new);
    }
}
