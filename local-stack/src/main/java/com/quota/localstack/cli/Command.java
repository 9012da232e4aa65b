package com.quota.localstack.cli;

import java.util.List;

/** A parsed {@code ./quota} command line. */
public sealed interface Command {

    /** {@code ./quota [run] [--reset] [--demo-data]}: start everything and keep running until Ctrl-C or {@code stop}. */
    record Run(boolean reset, boolean demoData) implements Command {
    }

    /** {@code ./quota stop}: stop a running stack (and clean up after a killed one). */
    record Stop() implements Command {
    }

    /** {@code ./quota status}: which processes and ports are up, and each app's health. */
    record Status() implements Command {
    }

    /** {@code ./quota token ...}: print an access token; the arguments go to the token command as they are. */
    record Token(List<String> arguments) implements Command {
        public Token {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code ./quota help}: print the usage. */
    record Help() implements Command {
    }
}
