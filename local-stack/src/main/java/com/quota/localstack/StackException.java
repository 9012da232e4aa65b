package com.quota.localstack;

/** A failure of the local stack with a message meant for the person at the terminal (printed without a stack trace). */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
