package com.quota.performance.kpi;

/**
 * The source measures a KPI can score (docs/domain.md, Performance), each with the direction in which it usually
 * improves; a KPI definition may still choose the other direction.
 */
public enum KpiMeasure {

    ATTAINMENT_PERCENT("Attainment %", Kind.PERCENT, Direction.HIGHER_IS_BETTER, Source.ATTAINMENT),
    BOOKINGS("Bookings", Kind.MONEY, Direction.HIGHER_IS_BETTER, Source.ATTAINMENT),
    YOY_GROWTH("Year-over-year growth", Kind.PERCENT, Direction.HIGHER_IS_BETTER, Source.ATTAINMENT),
    NEW_CUSTOMERS("New customers", Kind.COUNT, Direction.HIGHER_IS_BETTER, Source.OPPORTUNITIES),
    WIN_RATE("Win rate", Kind.PERCENT, Direction.HIGHER_IS_BETTER, Source.OPPORTUNITIES),
    CONVERSION_RATE("Stage conversion rate", Kind.PERCENT, Direction.HIGHER_IS_BETTER, Source.OPPORTUNITIES),
    SALES_VELOCITY("Sales velocity", Kind.MONEY, Direction.HIGHER_IS_BETTER, Source.OPPORTUNITIES),
    COLLECTION_RATE("Collection rate", Kind.PERCENT, Direction.HIGHER_IS_BETTER, Source.CONTRACTS),
    COST_RATIO("Cost ratio", Kind.PERCENT, Direction.LOWER_IS_BETTER, Source.OPPORTUNITIES),
    CUSTOMER_SATISFACTION("Customer satisfaction", Kind.RATING, Direction.HIGHER_IS_BETTER, Source.MANAGER_RATING),
    TEAMWORK("Teamwork", Kind.RATING, Direction.HIGHER_IS_BETTER, Source.MANAGER_RATING);

    /** What kind of number the measure is. */
    public enum Kind { PERCENT, MONEY, COUNT, RATING }

    /** Whether a larger or a smaller value scores higher. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    /** Where the measure's values come from. */
    public enum Source { ATTAINMENT, OPPORTUNITIES, CONTRACTS, MANAGER_RATING }

    private final String label;
    private final Kind kind;
    private final Direction usualDirection;
    private final Source source;

    KpiMeasure(String label, Kind kind, Direction usualDirection, Source source) {
        this.label = label;
        this.kind = kind;
        this.usualDirection = usualDirection;
        this.source = source;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public Direction usualDirection() {
        return usualDirection;
    }

    public Source source() {
        return source;
    }

    /** Soft ratings are entered by a manager, not fed from events. */
    public boolean isManagerEntered() {
        return source == Source.MANAGER_RATING;
    }
}
