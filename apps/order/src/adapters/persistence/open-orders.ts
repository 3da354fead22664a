/** The statuses before a final one. */
export const OPEN_STATUSES = ["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"] as const;

/**
 * Open orders in SQL. Queries repeat this text word for word so the planner
 * uses the partial index orders_view_open, whose migration (1764090000000)
 * keeps its own copy: a migration's SQL never changes once it has run.
 */
export const OPEN_ORDERS_PREDICATE = `status IN ('PLACED', 'STOCK_RESERVED', 'PAYMENT_PENDING')`;
