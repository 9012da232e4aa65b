/** The audit trail: who, when, what (before/after), why and the trace id, written in the change's transaction. */
package com.quota.api.audit;
