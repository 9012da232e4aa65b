package com.quota.messaging.consumer;

/**
 * An event that can never be applied as it is (missing or malformed envelope header, unparseable JSON, payload that
 * does not fit the consumer's record, required data missing). Not retried: the record goes to the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
