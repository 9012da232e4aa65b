package com.quota.contract.lifecycle;

/** Where a contract stands in its life, from draft to closed (DOMAIN.md "Contracts"). */
public enum ContractStatus {
    DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, SIGNED, IN_EXECUTION, SUSPENDED, COMPLETED, CLOSED, TERMINATED;

    /** True once the contract was signed and not yet closed or terminated: it counts as contract value. */
    public boolean isSignedAndOpen() {
        return this == SIGNED || this == IN_EXECUTION || this == SUSPENDED || this == COMPLETED;
    }

    /** True for the states nothing can change any more. */
    public boolean isFinal() {
        return this == CLOSED || this == TERMINATED;
    }
}
