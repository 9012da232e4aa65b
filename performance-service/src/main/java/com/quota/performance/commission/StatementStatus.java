package com.quota.performance.commission;

/** A statement is a draft (derived from the ledger, changing with it) until it is approved and issued. */
public enum StatementStatus { DRAFT, ISSUED }
