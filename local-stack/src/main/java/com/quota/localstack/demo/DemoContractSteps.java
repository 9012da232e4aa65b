package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.PersonRole;
import com.quota.localstack.demo.DemoCompany.Unit;
import com.quota.localstack.demo.DemoDataset.Contract;
import com.quota.localstack.demo.DemoDataset.Money;
import com.quota.localstack.demo.DemoDataset.Owner;
import com.quota.localstack.demo.DemoDataset.Payment;
import com.quota.localstack.demo.DemoStep.Call;
import com.quota.localstack.demo.DemoStep.Request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.quota.localstack.demo.DemoStep.body;

/**
 * contract-service's part of the demo load: every won deal's contract is drafted by the ERP, submitted, approved along
 * the chain its reporting value gets (a MANAGER of the owner's unit up to 100k, the DIRECTOR up to 1M, the DIRECTOR then
 * the ADMIN as finance above: the rules contract-service is seeded with), signed, put in execution with milestones and a
 * payment plan, and paid as the dataset says; then a few amendments (one lowering the value) and one termination.
 * <p>
 * The ERP client submits, so every approver (people with their own tokens) is someone else than the submitter. Each
 * transition reads the contract's ETag for its If-Match. Loading twice creates nothing twice: a transition already made
 * answers 409 and the contract is found by its externalRef ("already there"); plans are PUT with the same content and
 * client-chosen milestone ids; amendments and payments carry a key (Idempotency-Key, externalRef) that the service
 * answers the first result for.
 */
final class DemoContractSteps {

    static final String SUBMITTED = "contracts submitted for approval";
    static final String APPROVED_BY_DIRECTOR = "contracts approved by the director";
    static final String APPROVED_BY_FINANCE = "contracts approved by finance (admin)";
    static final String SIGNED = "contracts signed";
    static final String IN_EXECUTION = "contracts in execution";
    static final String MILESTONES = "contract milestones";
    static final String MILESTONES_DONE = "contract milestones completed";
    static final String PAYMENT_PLANS = "contract payment plans";
    static final String AMENDMENTS = "contract amendments";
    static final String TERMINATIONS = "contract terminations";

    /** The approval step "contracts approved by manager.zhang". */
    static String approvedBy(String username) {
        return "contracts approved by " + username;
    }

    /** contract-service's seeded approval bands (DOMAIN.md's example), in the reporting currency. */
    static final BigDecimal MANAGER_UP_TO = new BigDecimal("100000");
    static final BigDecimal DIRECTOR_UP_TO = new BigDecimal("1000000");

    /** The amendments of the demo: this many raise the value by a tenth, one lowers it by a tenth. */
    static final int RAISES = 3;

    private static final String CONTRACTS_PATH = "/api/contracts";
    private static final String ERP_WRITES_CONTRACTS = "contracts.write";
    private static final String ERP_WRITES_PAYMENTS = "payments.write";

    /** Who approves a step of a chain. */
    enum Approver { MANAGER, DIRECTOR, ADMIN }

    private DemoContractSteps() {
    }

    static List<DemoStep> all(DemoCompany company, DemoDataset data) {
        String reporting = company.company().reportingCurrency();
        List<Contract> contracts = data.contracts();
        Map<String, List<Payment>> paymentsByContract = data.payments().stream()
                .collect(Collectors.groupingBy(Payment::contractRef, LinkedHashMap::new, Collectors.toList()));

        List<DemoStep> steps = new ArrayList<>();
        // owners with splits, currency and fixed rate come from the won opportunity (contract-service's copy of OpportunityWon)
        steps.add(new DemoStep(DemoSteps.CONTRACTS, "POST", CONTRACTS_PATH, List.of(DemoSteps.WINS, DemoSteps.CONTRACT_AUTO_DRAFT),
                ERP_WRITES_CONTRACTS, CONTRACTS_PATH, contracts.stream().map(DemoContractSteps::draftCall).toList(), none()));
        steps.add(transition(SUBMITTED, "submit", List.of(DemoSteps.CONTRACTS), ERP_WRITES_CONTRACTS, contracts, c -> null));

        // MANAGER steps: the manager of the primary owner's unit, one step (and one login) per manager
        Map<String, List<Contract>> byManager = new LinkedHashMap<>();
        for (Contract c : contracts) {
            if (chain(c, reporting).contains(Approver.MANAGER)) {
                managerOf(company, c).ifPresent(m -> byManager.computeIfAbsent(m.username(), k -> new ArrayList<>()).add(c));
            }
        }
        byManager.forEach((manager, theirs) -> steps.add(transition(approvedBy(manager), "approve", List.of(SUBMITTED),
                DemoTokens.userCaller(manager), theirs, c -> body("comment", "Within my team's pricing guidelines"))));
        String director = company.people().stream().filter(p -> p.role() == PersonRole.DIRECTOR).map(Person::username)
                .findFirst().orElseThrow(() -> new IllegalStateException("demo-company.json has no DIRECTOR"));
        steps.add(transition(APPROVED_BY_DIRECTOR, "approve", List.of(SUBMITTED), DemoTokens.userCaller(director),
                contracts.stream().filter(c -> chain(c, reporting).contains(Approver.DIRECTOR)).toList(),
                c -> body("comment", "Approved: strategic account")));
        steps.add(transition(APPROVED_BY_FINANCE, "approve", List.of(APPROVED_BY_DIRECTOR), null,
                contracts.stream().filter(c -> chain(c, reporting).contains(Approver.ADMIN)).toList(),
                c -> body("comment", "Finance: payment terms checked")));

        steps.add(transition(SIGNED, "sign", List.of(APPROVED_BY_FINANCE), null, contracts,
                c -> body("signedDate", c.signedOn().toString())));
        steps.add(transition(IN_EXECUTION, "start-execution", List.of(SIGNED), null, contracts, c -> null));
        // a plan PUT again is the same plan; on the terminated contract it is a 409 of a contract that is there
        steps.add(new DemoStep(MILESTONES, "PUT", CONTRACTS_PATH + "/{id}/milestones", List.of(IN_EXECUTION), null, CONTRACTS_PATH,
                contracts.stream().map(c -> update(c, body("milestones", milestones(c).stream().map(m -> body(
                        "id", m.id().toString(), "name", m.name(), "weight", m.weight(), "dueDate", m.due().toString())).toList()))).toList(),
                none()));
        List<Call> completions = new ArrayList<>();
        for (Contract c : contracts) {
            for (Milestone m : milestones(c)) {
                if (m.doneOn() != null && !m.doneOn().isAfter(data.asOf())) {
                    completions.add(new Call(c.externalRef(), null, refs -> Request.of(body("date", m.doneOn().toString()),
                            refs.id(c.externalRef()), m.id().toString()).withIfMatchFrom(contractPath(refs, c))));
                }
            }
        }
        steps.add(new DemoStep(MILESTONES_DONE, "POST", CONTRACTS_PATH + "/{id}/milestones/{milestoneId}/complete", List.of(MILESTONES),
                null, CONTRACTS_PATH, completions, none()));
        steps.add(new DemoStep(PAYMENT_PLANS, "PUT", CONTRACTS_PATH + "/{id}/payment-plan", List.of(IN_EXECUTION), null, CONTRACTS_PATH,
                contracts.stream().map(c -> update(c, body("instalments", paymentPlan(c, paymentsByContract.getOrDefault(c.externalRef(), List.of()))
                        .stream().map(i -> body("dueDate", i.due().toString(), "amount", money(i.amount()))).toList()))).toList(),
                none()));
        steps.add(new DemoStep(DemoSteps.PAYMENTS, "POST", CONTRACTS_PATH + "/{id}/payments", List.of(IN_EXECUTION), ERP_WRITES_PAYMENTS,
                null, data.payments().stream().map(DemoContractSteps::paymentCall).toList(), none()));

        List<Amendment> amendments = amendments(contracts, paymentsByContract, data.asOf());
        steps.add(new DemoStep(AMENDMENTS, "POST", CONTRACTS_PATH + "/{id}/amendments", List.of(DemoSteps.PAYMENTS), null, null,
                amendments.stream().map(a -> new Call(a.key(), null, refs -> Request.of(body(
                        "value", money(a.value()),
                        "reason", a.reason(),
                        "effectiveDate", a.effectiveDate().toString()), refs.id(a.contract().externalRef()))
                        .withIfMatchFrom(contractPath(refs, a.contract())))).toList(), none()));
        Set<String> amended = amendments.stream().map(a -> a.contract().externalRef()).collect(Collectors.toSet());
        List<Contract> terminated = terminated(contracts, paymentsByContract, amended);
        steps.add(transition(TERMINATIONS, "terminate", List.of(AMENDMENTS), null, terminated,
                c -> body("terminationDate", min(c.signedOn().plusDays(60), data.asOf()).toString(),
                        "reason", "Customer cancelled the project after a budget freeze")));
        return List.copyOf(steps);
    }

    // ---- the approval chain ----

    /** The chain contract-service's seeded rules give this contract: by its value in the reporting currency at the demo rate. */
    static List<Approver> chain(Contract c, String reportingCurrency) {
        BigDecimal reportingValue = reportingValue(c.value(), reportingCurrency);
        if (reportingValue.compareTo(MANAGER_UP_TO) <= 0) {
            return List.of(Approver.MANAGER);
        }
        return reportingValue.compareTo(DIRECTOR_UP_TO) <= 0 ? List.of(Approver.DIRECTOR) : List.of(Approver.DIRECTOR, Approver.ADMIN);
    }

    static BigDecimal reportingValue(Money value, String reportingCurrency) {
        return value.currency().equals(reportingCurrency) ? value.amount()
                : value.amount().multiply(new BigDecimal(DemoSteps.DEMO_FX_RATE)).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The nearest manager (role MANAGER) of the primary owner's unit or a unit above it, never the owner. */
    static Optional<Person> managerOf(DemoCompany company, Contract c) {
        UUID owner = c.owners().stream().filter(Owner::primary).findFirst().orElseThrow().repId();
        Optional<Unit> unit = company.person(owner).flatMap(p -> company.unit(p.unitId()));
        while (unit.isPresent()) {
            Optional<Person> manager = Optional.ofNullable(unit.get().managerId()).flatMap(company::person)
                    .filter(p -> p.role() == PersonRole.MANAGER && !p.id().equals(owner));
            if (manager.isPresent()) {
                return manager;
            }
            UUID parent = unit.get().parentId();
            unit = parent == null ? Optional.empty() : company.unit(parent);
        }
        return Optional.empty();
    }

    // ---- execution ----

    /** A planned milestone with its client-chosen id (name-based on the contract, so a rerun plans the same ids). */
    record Milestone(UUID id, String name, int weight, LocalDate due, LocalDate doneOn) {
    }

    /** Delivery (40) a month after the start, done two days early; acceptance (60) four months after, done on every third contract. */
    static List<Milestone> milestones(Contract c) {
        LocalDate delivery = c.startsOn().plusDays(30);
        LocalDate acceptance = c.startsOn().plusDays(120);
        boolean accepted = Math.floorMod(c.externalRef().hashCode(), 3) == 0;
        return List.of(
                new Milestone(milestoneId(c, "delivery"), "Delivery and installation", 40, delivery, delivery.minusDays(2)),
                new Milestone(milestoneId(c, "acceptance"), "Customer acceptance", 60, acceptance, accepted ? acceptance : null));
    }

    static UUID milestoneId(Contract c, String name) {
        return UUID.nameUUIDFromBytes(("quota-demo/" + c.externalRef() + "/milestone/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** An instalment of a payment plan. */
    record Instalment(LocalDate due, Money amount) {
    }

    /**
     * The payment plan: an instalment for each payment the dataset receives (due ten days after the month it falls in,
     * so it is paid on time), and the rest of the value in one more instalment a month later (overdue once past).
     */
    static List<Instalment> paymentPlan(Contract c, List<Payment> payments) {
        List<Instalment> plan = new ArrayList<>();
        BigDecimal paid = BigDecimal.ZERO;
        for (int k = 0; k < payments.size(); k++) {
            plan.add(new Instalment(c.signedOn().plusDays(30L * k + 10), payments.get(k).amount()));
            paid = paid.add(payments.get(k).amount().amount());
        }
        BigDecimal rest = c.value().amount().subtract(paid);
        if (rest.signum() > 0) {
            plan.add(new Instalment(c.signedOn().plusDays(30L * payments.size() + 10), new Money(rest, c.value().currency())));
        }
        return plan;
    }

    // ---- amendments and termination ----

    /** An amendment: the contract, its new value, why, from when; {@code key} is its Idempotency-Key. */
    record Amendment(String key, Contract contract, Money value, String reason, LocalDate effectiveDate) {
    }

    /**
     * {@link #RAISES} contracts raise their value by a tenth (more units); then one contract whose payments leave room
     * lowers it by a tenth (a site cancelled), never below what was collected.
     */
    static List<Amendment> amendments(List<Contract> contracts, Map<String, List<Payment>> payments, LocalDate asOf) {
        List<Amendment> amendments = new ArrayList<>();
        for (Contract c : contracts) {
            if (amendments.size() == RAISES) {
                break;
            }
            amendments.add(amendment(c, new BigDecimal("1.1"), "Scope extension: additional analyzers for a second lab", asOf));
        }
        for (Contract c : contracts.subList(Math.min(RAISES, contracts.size()), contracts.size())) {
            BigDecimal collected = payments.getOrDefault(c.externalRef(), List.of()).stream()
                    .map(p -> p.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            Amendment lower = amendment(c, new BigDecimal("0.9"), "Scope reduced: the customer cancelled one site", asOf);
            if (lower.value().amount().compareTo(collected) >= 0) {
                amendments.add(lower);
                break;
            }
        }
        return amendments;
    }

    private static Amendment amendment(Contract c, BigDecimal factor, String reason, LocalDate asOf) {
        BigDecimal value = c.value().amount().multiply(factor).setScale(c.value().amount().scale(), RoundingMode.HALF_EVEN);
        return new Amendment("DEMO-AMD-" + c.externalRef() + "-1", c, new Money(value, c.value().currency()), reason,
                min(c.signedOn().plusDays(45), asOf));
    }

    /** One contract is terminated: the last one without payments that was not amended. */
    static List<Contract> terminated(List<Contract> contracts, Map<String, List<Payment>> payments, Set<String> amended) {
        for (int i = contracts.size() - 1; i >= 0; i--) {
            Contract c = contracts.get(i);
            if (!payments.containsKey(c.externalRef()) && !amended.contains(c.externalRef())) {
                return List.of(c);
            }
        }
        return List.of();
    }

    // ---- calls ----

    private static Call draftCall(Contract c) {
        return new Call(c.externalRef(), null, refs -> Request.of(body(
                "externalRef", c.externalRef(),
                "opportunityId", refs.id(c.opportunityRef()),
                "value", money(c.value()),
                "startDate", c.startsOn().toString(),
                "endDate", c.endsOn().toString())));
    }

    private static Call paymentCall(Payment p) {
        return new Call(p.externalRef(), null, refs -> Request.of(body(
                "externalRef", p.externalRef(),
                "amount", money(p.amount()),
                "receivedDate", p.receivedOn().toString()), refs.id(p.contractRef())));
    }

    /**
     * A transition of each contract with the If-Match of its current ETag. Its call carries the contract's externalRef,
     * so on a rerun the 409 of a transition made before is "already there" once the contract is found by it.
     */
    private static DemoStep transition(String name, String action, List<String> needs, String caller, List<Contract> contracts,
                                       java.util.function.Function<Contract, Object> body) {
        return new DemoStep(name, "POST", CONTRACTS_PATH + "/{id}/" + action, needs, caller, CONTRACTS_PATH,
                contracts.stream().map(c -> new Call(c.externalRef(), null, refs -> Request.of(body.apply(c), refs.id(c.externalRef()))
                        .withIfMatchFrom(contractPath(refs, c)))).toList(), none());
    }

    /** A PUT of a contract's plan (same content on a rerun) with the If-Match of its current ETag. */
    private static Call update(Contract c, Object body) {
        return new Call(c.externalRef(), null, refs -> Request.of(body, refs.id(c.externalRef())).withIfMatchFrom(contractPath(refs, c)));
    }

    private static String contractPath(DemoStep.Refs refs, Contract c) {
        return CONTRACTS_PATH + "/" + refs.id(c.externalRef());
    }

    private static Map<String, Object> money(Money money) {
        return body("amount", money.amountText(), "currency", money.currency());
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static java.util.function.Consumer<DemoApi.Response> none() {
        return response -> { };
    }
}
