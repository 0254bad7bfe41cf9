/**
 * SQL for Europe/London wall-clock months and dates of a stored UTC instant, the same on both
 * databases. PostgreSQL knows the zone; SQLite does not, so the UK rule is written out: British
 * Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October (the first Sunday on or after the 25th), and adds one hour. SQLite keeps instants as
 * UTC text "YYYY-MM-DD HH:MM:SS.SSS" (database/columns.ts), which compares in time order.
 */
export function londonLocalSql(expr: string, pg: boolean): string {
  if (pg) return `(${expr} AT TIME ZONE 'Europe/London')`;
  const year = `substr(${expr}, 1, 4)`;
  const bstStarts = `(date(${year} || '-03-25', 'weekday 0') || ' 01:00:00')`;
  const bstEnds = `(date(${year} || '-10-25', 'weekday 0') || ' 01:00:00')`;
  return `(CASE WHEN ${expr} >= ${bstStarts} AND ${expr} < ${bstEnds} THEN datetime(${expr}, '+1 hour') ELSE ${expr} END)`;
}

/** "YYYY-MM" of the London month holding an instant. */
export function londonMonthSql(expr: string, pg: boolean): string {
  return pg ? `to_char(${londonLocalSql(expr, pg)}, 'YYYY-MM')` : `substr(${londonLocalSql(expr, pg)}, 1, 7)`;
}

/** The London date (YYYY-MM-DD on SQLite, a date on PostgreSQL) of an instant. */
export function londonDateSql(expr: string, pg: boolean): string {
  return pg ? `${londonLocalSql(expr, pg)}::date` : `date(${londonLocalSql(expr, pg)})`;
}
