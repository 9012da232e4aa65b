package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.Unit;
import com.quota.localstack.demo.DemoDataset.Account;
import com.quota.localstack.demo.DemoDataset.Contract;
import com.quota.localstack.demo.DemoDataset.Money;
import com.quota.localstack.demo.DemoDataset.Opportunity;
import com.quota.localstack.demo.DemoDataset.OpportunityStatus;
import com.quota.localstack.demo.DemoDataset.Owner;
import com.quota.localstack.demo.DemoDataset.OwnerType;
import com.quota.localstack.demo.DemoDataset.Payment;
import com.quota.localstack.demo.DemoDataset.PipelineDefinition;
import com.quota.localstack.demo.DemoDataset.Stage;
import com.quota.localstack.demo.DemoDataset.TargetPlan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Generates a year of business data for the demo company from a fixed seed: targets for every owner, one pipeline,
 * accounts, opportunities across all stages, contracts for the won ones and the payments received so far.
 * The same company and seed always give the same dataset (java.util.Random's sequence is specified).
 */
public final class DemoDataGenerator {

    public static final String WON = "WON";
    public static final String LOST = "LOST";
    public static final String BOOKINGS = "BOOKINGS";
    public static final String COLLECTIONS = "COLLECTIONS";

    /** The demo pipeline; open stages first, in order, then the two closed stages. */
    public static final List<Stage> STAGES = List.of(
            new Stage("PROSPECTING", "Prospecting", 10, "PIPELINE", 14),
            new Stage("QUALIFICATION", "Qualification", 25, "PIPELINE", 21),
            new Stage("PROPOSAL", "Proposal", 50, "BEST_CASE", 21),
            new Stage("NEGOTIATION", "Negotiation", 75, "COMMIT", 14),
            new Stage(WON, "Won", 100, "COMMIT", 0),
            new Stage(LOST, "Lost", 0, "OMITTED", 0));

    /** How the open opportunities spread over the open stages (early stages hold more). */
    static final int[] OPEN_STAGE_WEIGHTS = {35, 30, 20, 15};
    /** Seasonal profile of the fiscal months (a strong last quarter), used for every target. */
    static final int[] MONTH_PROFILE = {6, 7, 9, 7, 8, 9, 7, 7, 9, 9, 10, 12};
    static final int ACCOUNTS = 300;
    /** Share of accounts nobody owns: they sit in the customer pool. */
    static final double POOL_SHARE = 0.10;
    /** Share of deals in a currency other than the reporting currency. */
    static final double FOREIGN_CURRENCY_SHARE = 0.15;

    private static final String[] CITIES = {"Suzhou", "Wuxi", "Ningbo", "Qingdao", "Dalian", "Xian", "Chengdu", "Wuhan",
            "Changsha", "Hefei", "Fuzhou", "Kunming"};
    private static final String[] TRADES = {"Precision", "Pharma", "Petrochem", "Semiconductor", "Water", "Food",
            "Steel", "Battery", "Environmental", "Biotech"};
    private static final String[] FORMS = {"Co., Ltd.", "Group", "Labs", "Industries", "Technology"};
    private static final String[] LOSS_REASONS = {"PRICE", "COMPETITOR", "NO_BUDGET", "NO_DECISION", "TIMING"};
    private static final String[] COMPETITORS = {"Apex Instruments", "Meridian Analytics", "Norwell Sensors", "Kestrel Labs"};
    private static final int[][] TWO_OWNER_SPLITS = {{60, 40}, {70, 30}, {50, 50}};
    private static final int[][] THREE_OWNER_SPLITS = {{50, 30, 20}, {40, 30, 30}};

    private final DemoCompany company;

    public DemoDataGenerator(DemoCompany company) {
        this.company = company;
    }

    /** The dataset for the company's seed. */
    public DemoDataset generate() {
        return generate(company.dataset().seed());
    }

    /** The dataset for another seed (same shape, other values). */
    public DemoDataset generate(long seed) {
        Random random = new Random(seed);
        int fiscalYear = company.company().demoFiscalYear();
        LocalDate yearStart = fiscalYearStart(fiscalYear, company.company().fiscalYearStartMonth());
        // the data tells a year in progress: ten fiscal months are behind us
        LocalDate asOf = yearStart.plusMonths(10).minusDays(1);
        String reporting = company.company().reportingCurrency();

        List<TargetPlan> targets = targets(random, fiscalYear, reporting);
        List<Account> accounts = accounts(random);
        List<Opportunity> opportunities = opportunities(random, accounts, yearStart, asOf, reporting);
        List<Contract> contracts = contracts(random, opportunities, asOf);
        List<Payment> payments = payments(random, contracts, asOf);
        return new DemoDataset(fiscalYear, asOf, targets, new PipelineDefinition("DEMO-PIPELINE-SALES", "Sales", STAGES),
                accounts, opportunities, contracts, payments);
    }

    /** First day of fiscal year {@code fiscalYear} (named by the calendar year in which it ends). */
    static LocalDate fiscalYearStart(int fiscalYear, int startMonth) {
        return LocalDate.of(startMonth == 1 ? fiscalYear : fiscalYear - 1, startMonth, 1);
    }

    /** How many opportunities sit in each stage: won and lost by their shares, the rest over the open stages. */
    public static Map<String, Integer> stageCounts(int total, double wonShare, double lostShare) {
        int won = (int) Math.round(total * wonShare);
        int lost = (int) Math.round(total * lostShare);
        if (won + lost > total) {
            throw new IllegalArgumentException("won and lost shares exceed 100%");
        }
        long[] open = apportion(total - won - lost, OPEN_STAGE_WEIGHTS);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < open.length; i++) {
            counts.put(STAGES.get(i).code(), (int) open[i]);
        }
        counts.put(WON, won);
        counts.put(LOST, lost);
        return counts;
    }

    private List<TargetPlan> targets(Random random, int fiscalYear, String currency) {
        int scale = minorUnit(currency);
        Map<UUID, BigDecimal[]> bookings = new LinkedHashMap<>();
        for (Person rep : company.reps()) {
            // 2.0M–6.0M a year, in steps of 10,000
            BigDecimal annual = BigDecimal.valueOf(200 + random.nextInt(401)).multiply(BigDecimal.valueOf(10_000));
            bookings.put(rep.id(), largestRemainder(annual, MONTH_PROFILE, scale).toArray(BigDecimal[]::new));
        }
        List<TargetPlan> plans = new ArrayList<>();
        for (String metric : List.of(BOOKINGS, COLLECTIONS)) {
            Map<UUID, BigDecimal[]> repMonths = new LinkedHashMap<>();
            bookings.forEach((rep, months) -> repMonths.put(rep, COLLECTIONS.equals(metric)
                    // collections trail bookings: 80% of the year, spread by the same profile
                    ? largestRemainder(sum(months).multiply(new BigDecimal("0.80")).setScale(scale, RoundingMode.HALF_EVEN),
                            MONTH_PROFILE, scale).toArray(BigDecimal[]::new)
                    : months));
            // units are the sum of their children, so every level adds up exactly in every month
            for (Unit unit : company.unitsParentsFirst()) {
                BigDecimal[] months = unitMonths(unit, repMonths, scale);
                plans.add(plan(fiscalYear, metric, OwnerType.UNIT, unit.id(), unit.code(), months, currency));
            }
            for (Person rep : company.reps()) {
                plans.add(plan(fiscalYear, metric, OwnerType.REP, rep.id(), rep.username(), repMonths.get(rep.id()), currency));
            }
        }
        return plans;
    }

    private BigDecimal[] unitMonths(Unit unit, Map<UUID, BigDecimal[]> repMonths, int scale) {
        BigDecimal[] months = new BigDecimal[12];
        Arrays.fill(months, BigDecimal.ZERO.setScale(scale));
        List<BigDecimal[]> parts = new ArrayList<>();
        company.repsOf(unit.id()).forEach(rep -> parts.add(repMonths.get(rep.id())));
        company.childrenOf(unit.id()).forEach(child -> parts.add(unitMonths(child, repMonths, scale)));
        for (BigDecimal[] part : parts) {
            for (int m = 0; m < 12; m++) {
                months[m] = months[m].add(part[m]);
            }
        }
        return months;
    }

    private static TargetPlan plan(int fiscalYear, String metric, OwnerType type, UUID owner, String ownerName,
                                   BigDecimal[] months, String currency) {
        return new TargetPlan("DEMO-TGT-FY" + fiscalYear + "-" + metric + "-" + ownerName, fiscalYear, metric, type, owner,
                new Money(sum(months), currency), List.of(months));
    }

    private List<Account> accounts(Random random) {
        List<Unit> regions = company.regions();
        List<String> segments = company.dataset().segments();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Unit region = pick(random, regions);
            List<Person> regionReps = company.reps().stream()
                    .filter(rep -> company.regionOf(rep.unitId()).map(Unit::id).filter(region.id()::equals).isPresent())
                    .toList();
            UUID owner = random.nextDouble() < POOL_SHARE ? null : pick(random, regionReps).id();
            // index-based name parts: unique for up to 600 accounts, no retries needed
            String name = CITIES[i % CITIES.length] + " " + TRADES[(i / CITIES.length) % TRADES.length] + " "
                    + FORMS[(i / (CITIES.length * TRADES.length)) % FORMS.length];
            accounts.add(new Account(ref("DEMO-ACC-", i), name, pick(random, segments), region.id(), owner));
        }
        return accounts;
    }

    private List<Opportunity> opportunities(Random random, List<Account> accounts, LocalDate yearStart, LocalDate asOf,
                                            String reporting) {
        List<String> stages = new ArrayList<>();
        DemoCompany.Dataset knobs = company.dataset();
        stageCounts(knobs.opportunities(), knobs.wonShare(), knobs.lostShare())
                .forEach((stage, count) -> stages.addAll(Collections.nCopies(count, stage)));
        Collections.shuffle(stages, random);

        List<Account> owned = accounts.stream().filter(a -> a.ownerRepId() != null).toList();
        List<String> foreign = knobs.currencies().stream().filter(c -> !c.equals(reporting)).toList();
        LocalDate yearEnd = yearStart.plusYears(1).minusDays(1);
        List<Opportunity> opportunities = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i);
            Account account = pick(random, owned);
            List<Owner> owners = owners(random, account.ownerRepId());
            String currency = !foreign.isEmpty() && random.nextDouble() < FOREIGN_CURRENCY_SHARE ? pick(random, foreign) : reporting;
            Money amount = amount(random, account.segment(), currency, reporting);
            String productLine = pick(random, knobs.productLines());
            OpportunityStatus status = stage.equals(WON) ? OpportunityStatus.WON
                    : stage.equals(LOST) ? OpportunityStatus.LOST : OpportunityStatus.OPEN;
            LocalDate closedOn = status == OpportunityStatus.OPEN ? null : between(random, yearStart, asOf);
            LocalDate expectedClose = closedOn != null ? closedOn : between(random, asOf.plusDays(1), yearEnd.plusDays(60));
            String lossReason = status == OpportunityStatus.LOST ? pick(random, List.of(LOSS_REASONS)) : null;
            String competitor = status == OpportunityStatus.LOST ? pick(random, List.of(COMPETITORS)) : null;
            opportunities.add(new Opportunity(ref("DEMO-OPP-", i), account.externalRef(),
                    title(productLine) + " for " + account.name(), amount, expectedClose, productLine,
                    pick(random, knobs.channels()), account.segment(), account.regionId(), owners, stage, status,
                    closedOn, lossReason, competitor));
        }
        return opportunities;
    }

    /** The primary owner alone (75%), or with one or two co-owners from the same team; splits always sum to 100. */
    private List<Owner> owners(Random random, UUID primary) {
        UUID team = company.person(primary).orElseThrow().unitId();
        List<UUID> teammates = new ArrayList<>(company.repsOf(team).stream().map(Person::id).filter(id -> !id.equals(primary)).toList());
        double draw = random.nextDouble();
        int[] splits = draw < 0.75 || teammates.isEmpty() ? new int[] {100}
                : draw < 0.95 || teammates.size() < 2 ? TWO_OWNER_SPLITS[random.nextInt(TWO_OWNER_SPLITS.length)]
                : THREE_OWNER_SPLITS[random.nextInt(THREE_OWNER_SPLITS.length)];
        Collections.shuffle(teammates, random);
        List<Owner> owners = new ArrayList<>();
        owners.add(new Owner(primary, splits[0], true));
        for (int k = 1; k < splits.length; k++) {
            owners.add(new Owner(teammates.get(k - 1), splits[k], false));
        }
        return owners;
    }

    private static Money amount(Random random, String segment, String currency, String reporting) {
        // deal size by segment, in the reporting currency, in steps of 100
        int[] range = switch (segment) {
            case "ENTERPRISE" -> new int[] {300_000, 2_000_000};
            case "SMB" -> new int[] {10_000, 100_000};
            default -> new int[] {80_000, 400_000};
        };
        long hundreds = range[0] / 100 + random.nextInt((range[1] - range[0]) / 100 + 1);
        // foreign deals are about a seventh of the size in their own currency (a USD-like rate)
        long value = currency.equals(reporting) ? hundreds * 100 : Math.max(100, Math.round(hundreds / 7.0) * 100);
        return new Money(BigDecimal.valueOf(value).setScale(minorUnit(currency)), currency);
    }

    private static List<Contract> contracts(Random random, List<Opportunity> opportunities, LocalDate asOf) {
        List<Contract> contracts = new ArrayList<>();
        for (Opportunity won : opportunities) {
            if (won.status() != OpportunityStatus.WON) {
                continue;
            }
            LocalDate signed = min(won.closedOn().plusDays(3 + random.nextInt(18)), asOf);
            LocalDate starts = signed.plusDays(1 + random.nextInt(14));
            contracts.add(new Contract(ref("DEMO-CTR-", contracts.size()), won.externalRef(), won.amount(), signed, starts,
                    starts.plusYears(1).minusDays(1), won.owners()));
        }
        return contracts;
    }

    /** One to four equal instalments a month apart; those due by the as-of date are mostly received. */
    private static List<Payment> payments(Random random, List<Contract> contracts, LocalDate asOf) {
        List<Payment> payments = new ArrayList<>();
        for (Contract contract : contracts) {
            int instalments = 1 + random.nextInt(4);
            int[] equal = IntStream.generate(() -> 1).limit(instalments).toArray();
            List<BigDecimal> parts = largestRemainder(contract.value().amount(), equal, contract.value().amount().scale());
            for (int k = 0; k < instalments; k++) {
                LocalDate received = contract.signedOn().plusDays(30L * k + random.nextInt(11));
                if (received.isAfter(asOf) || random.nextDouble() < 0.10) {
                    break; // not yet paid, or paying late: nothing after it either
                }
                payments.add(new Payment(ref("DEMO-PAY-", payments.size()), contract.externalRef(),
                        new Money(parts.get(k), contract.value().currency()), received));
            }
        }
        return payments;
    }

    /**
     * Splits {@code total} by integer weights at {@code scale} decimals with the largest-remainder method (ties to the
     * earlier part), so the parts always sum exactly to the total.
     */
    static List<BigDecimal> largestRemainder(BigDecimal total, int[] weights, int scale) {
        long minorUnits = total.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        long[] parts = apportion(minorUnits, weights);
        List<BigDecimal> result = new ArrayList<>(parts.length);
        for (long part : parts) {
            result.add(BigDecimal.valueOf(part, scale));
        }
        return result;
    }

    /** Integer largest-remainder apportionment of {@code total} by weights; ties go to the earlier index. */
    static long[] apportion(long total, int[] weights) {
        long weightSum = 0;
        for (int w : weights) {
            weightSum += w;
        }
        if (weightSum <= 0) {
            throw new IllegalArgumentException("weights must sum to more than zero");
        }
        long[] parts = new long[weights.length];
        long[] remainders = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            parts[i] = Math.multiplyExact(total, weights[i]) / weightSum;
            remainders[i] = Math.multiplyExact(total, weights[i]) % weightSum;
            given += parts[i];
        }
        Integer[] order = IntStream.range(0, weights.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
        for (int k = 0; k < total - given; k++) {
            parts[order[k]]++;
        }
        return parts;
    }

    private static int minorUnit(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static BigDecimal sum(BigDecimal[] values) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            total = total.add(v);
        }
        return total;
    }

    private static String title(String productLine) {
        return productLine.charAt(0) + productLine.substring(1).toLowerCase().replace('_', ' ');
    }

    private static String ref(String prefix, int index) {
        return prefix + String.format("%04d", index + 1);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static LocalDate between(Random random, LocalDate from, LocalDate to) {
        return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
