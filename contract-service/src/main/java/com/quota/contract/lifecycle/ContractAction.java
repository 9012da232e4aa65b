package com.quota.contract.lifecycle;

/** What someone does to a contract; each names the HTTP action path segment (e.g. {@code start-execution}). */
public enum ContractAction {
    SUBMIT, APPROVE, REJECT, REVISE, SIGN, START_EXECUTION, SUSPEND, RESUME, COMPLETE, CLOSE, TERMINATE;

    /** The action's name in URLs and problem details, e.g. {@code start-execution}. */
    public String pathName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
