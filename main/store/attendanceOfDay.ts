/*
 * The one home of attendance_records' SQL (test/unit/architecture/tableHomes.test.ts): the row that counts for a person's
 * day, and the two readings of raw rows below. plan/, alerts/ and chat/ read the table through it.
 */

/**
 * The one row of attendance_records that counts for a person's day, as a table expression for FROM or JOIN
 * (`FROM ${ATTENDANCE_OF_DAY} a`): one person, one day, one status.
 *
 * Why: the company's table keeps (operator, day) unique only by its own key. A table without that key holds several rows
 * for one day (a copy made twice, a leave recorded beside the schedule), and each arrives here under its own attendance_id.
 * Read raw, a person counted twice in the roster and the absence rates, and was planned twice, or on leave and planned.
 *
 * The rule: the latest recorded change wins (updated_at); at equal times not working (absent, paid leave) beats working,
 * so a leave is never planned over; then the highest id, so the choice is the same on every run. Every reader of a
 * person's day (the plan's inputs, a plan's edits, the attendance facts of the chat and the alerts, the backtest) reads
 * through this expression; raw rows are read only where rows, not people, are meant (the plan's input version, the
 * first date on record).
 */
// Written as "no other row of the day ranks above it" rather than ORDER BY … LIMIT 1 per row: the same choice, without a sort per
// row (a quarter's absence reads several times faster: docs/bench/2026-11-25-store-costs.md).
const OFF_D = "(d.attendance_status IN ('absent', 'paid_leave'))";
const OFF_R = "(r.attendance_status IN ('absent', 'paid_leave'))";
export const ATTENDANCE_OF_DAY = `(SELECT r.* FROM attendance_records r WHERE NOT EXISTS (
    SELECT 1 FROM attendance_records d WHERE d.operator_id = r.operator_id AND d.attendance_date = r.attendance_date
      AND (d.updated_at > r.updated_at
        OR (d.updated_at = r.updated_at AND (${OFF_D} > ${OFF_R} OR (${OFF_D} = ${OFF_R} AND d.attendance_id > r.attendance_id))))))`;

/**
 * A person (the operator id expression given) not off on the day bound as @offDay ('YYYY-MM-DD'): by the row that counts
 * for that day, not absent and not on paid leave. A ranking of people for a day (today's slowest) leaves out those who
 * are not there: a person on leave is not slow.
 */
export const notOffOn = (operatorId: string): string =>
  `${operatorId} NOT IN (SELECT a.operator_id FROM ${ATTENDANCE_OF_DAY} a WHERE a.attendance_date = @offDay AND a.attendance_status IN ('absent', 'paid_leave'))`;

/**
 * What a day's attendance rows are, as a scalar subquery that binds one parameter, the day ('YYYY-MM-DD'): their count, last
 * change and who is in which status. Raw rows, not people: a second row for a person's day changes the plan's inputs too
 * (plan/planStore.ts planInputsVersion).
 */
export const ATTENDANCE_ROWS_VERSION = `(SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) || ':' || COALESCE(SUM(operator_id * unicode(attendance_status)), 0)
               FROM attendance_records WHERE attendance_date = ?)`;

/** The first day on record ('YYYY-MM-DD', NULL when none), as a SELECT of one row and column to combine with others (chat/beforeHistory.ts). */
export const FIRST_ATTENDANCE_DATE = 'SELECT MIN(attendance_date) FROM attendance_records';
