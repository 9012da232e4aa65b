package com.quota.contract.lifecycle;

import com.quota.contract.execution.Payment;

/** What happened to a contract that others care about; turned into integration events after the change is saved. */
public sealed interface ContractEvent {

    /** The contract was signed. */
    record Signed(Actor by) implements ContractEvent {
    }

    /** Version {@code current} replaced {@code previous}. */
    record Amended(ContractVersion previous, ContractVersion current, Actor by) implements ContractEvent {
    }

    /** The contract was terminated from {@code previousStatus}. */
    record Terminated(ContractStatus previousStatus, Actor by) implements ContractEvent {
    }

    /** The contract was completed. */
    record Completed(Actor by) implements ContractEvent {
    }

    /** A payment was received. */
    record PaymentReceived(Payment payment) implements ContractEvent {
    }
}
