package com.quota.contract.approval;

import com.quota.contract.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The set of approval rules in force: bands that never overlap; the chain of a contract is its band's steps. */
public final class ApprovalPolicy {

    private final List<ApprovalRule> rules;

    private ApprovalPolicy(List<ApprovalRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparing(ApprovalRule::above)).toList();
    }

    /** The policy of these rules; refuses (422 {@code approval-rules-overlap}) rules whose bands overlap. */
    public static ApprovalPolicy of(List<ApprovalRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (rules.get(i).overlaps(rules.get(j))) {
                    throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "approval-rules-overlap",
                            "approval rule band " + rules.get(i).band() + " overlaps " + rules.get(j).band(),
                            Map.of("bands", List.of(rules.get(i).band(), rules.get(j).band())));
                }
            }
        }
        return new ApprovalPolicy(rules);
    }

    public List<ApprovalRule> rules() {
        return rules;
    }

    /** The approval steps for a contract of this reporting value; 422 {@code no-approval-rule} when no band covers it. */
    public List<ApproverRole> chainFor(BigDecimal reportingValue) {
        return rules.stream().filter(rule -> rule.covers(reportingValue)).findFirst()
                .map(ApprovalRule::steps)
                .orElseThrow(() -> RuleViolation.unprocessable("no-approval-rule",
                        "no approval rule covers the value " + reportingValue.toPlainString() + "; configure one under /api/contracts/approval-rules"));
    }
}
