package com.quota.pipeline.opportunity;

/** Something a user does to an opportunity; the API names them in kebab case (e.g. {@code move-back}). */
public enum OpportunityAction {
    UPDATE, ADVANCE, MOVE_BACK, TRANSFER, CHANGE_OWNERS, SUSPEND, REACTIVATE, TERMINATE, WIN, LOSE, REOPEN, ARCHIVE,
    ADD_ACTIVITY;

    /** The name the API uses: {@code move-back}, {@code change-owners}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
