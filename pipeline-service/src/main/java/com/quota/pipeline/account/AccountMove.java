package com.quota.pipeline.account;

/** How an account changed hands; every move is kept in the account's history. */
public enum AccountMove {
    CREATED, CLAIMED, ASSIGNED, RELEASED, RECYCLED, UPDATED
}
