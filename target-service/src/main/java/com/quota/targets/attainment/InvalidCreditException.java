package com.quota.targets.attainment;

/** A source event that can never be credited as it is (owners that do not split 100, duplicated owners, ...). */
public class InvalidCreditException extends IllegalArgumentException {

    public InvalidCreditException(String message) {
        super(message);
    }

    public InvalidCreditException(String message, Throwable cause) {
        super(message, cause);
    }
}
