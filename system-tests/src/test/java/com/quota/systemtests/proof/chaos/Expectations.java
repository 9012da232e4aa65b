package com.quota.systemtests.proof.chaos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the accepted requests imply, kept by the test as it sends them (DOMAIN.md "Attainment"): a won deal credits its
 * owner's BOOKINGS; a signed contract its CONTRACT_VALUE, an amendment the value delta, a termination reverses the net
 * value still credited; a payment credits COLLECTIONS; the first accepted win of an account credits its owner one
 * NEW_CUSTOMERS (each rep sells to one account of its own here, so: one per rep with a win, however many wins and
 * however often they are replayed). Every credit rolls up to the rep's unit and each unit above.
 * Only requests answered 2xx count.
 */
public final class Expectations {

    public static final List<String> METRICS = List.of("BOOKINGS", "CONTRACT_VALUE", "COLLECTIONS", "NEW_CUSTOMERS");

    private record ContractState(UUID rep, BigDecimal value, boolean terminated) {
    }

    private final Map<UUID, BigDecimal> bookings = new LinkedHashMap<>();
    private final Set<UUID> repsWithAWin = new LinkedHashSet<>();
    private final Map<UUID, BigDecimal> collections = new LinkedHashMap<>();
    private final Map<UUID, ContractState> contracts = new LinkedHashMap<>();

    public synchronized void won(UUID rep, BigDecimal amount) {
        bookings.merge(rep, amount, BigDecimal::add);
        repsWithAWin.add(rep);
    }

    public synchronized void signed(UUID contract, UUID rep, BigDecimal value) {
        contracts.put(contract, new ContractState(rep, value, false));
    }

    public synchronized void amended(UUID contract, BigDecimal newValue) {
        contracts.computeIfPresent(contract, (id, c) -> new ContractState(c.rep(), newValue, c.terminated()));
    }

    public synchronized void terminated(UUID contract) {
        contracts.computeIfPresent(contract, (id, c) -> new ContractState(c.rep(), c.value(), true));
    }

    public synchronized void paid(UUID rep, BigDecimal amount) {
        collections.merge(rep, amount, BigDecimal::add);
    }

    /** The current value of a contract as the accepted requests left it. */
    public synchronized BigDecimal valueOf(UUID contract) {
        return contracts.get(contract).value();
    }

    /** Σ per owner and metric ({@code "reps/<id> BOOKINGS"}), for every owner of the tree, zeros included. */
    public synchronized Map<String, BigDecimal> totals(OrgTree org) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (String owner : org.owners()) {
            for (String metric : METRICS) {
                totals.put(key(owner, metric), BigDecimal.ZERO.setScale(2));
            }
        }
        bookings.forEach((rep, amount) -> credit(totals, org, rep, "BOOKINGS", amount));
        collections.forEach((rep, amount) -> credit(totals, org, rep, "COLLECTIONS", amount));
        repsWithAWin.forEach(rep -> credit(totals, org, rep, "NEW_CUSTOMERS", BigDecimal.ONE));
        contracts.values().forEach(c -> credit(totals, org, c.rep(), "CONTRACT_VALUE", c.terminated() ? BigDecimal.ZERO : c.value()));
        return totals;
    }

    public static String key(String owner, String metric) {
        return owner + " " + metric;
    }

    private static void credit(Map<String, BigDecimal> totals, OrgTree org, UUID rep, String metric, BigDecimal amount) {
        totals.merge(key("reps/" + rep, metric), amount, BigDecimal::add);
        for (UUID unit : org.unitsAbove(rep)) {
            totals.merge(key("units/" + unit, metric), amount, BigDecimal::add);
        }
    }
}
