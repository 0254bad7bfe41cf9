import { toCsv } from '../ledger/csv';
import type { StatementDto } from './dto/orders.dto';

/** The statement as CSV for the trust's finance team: one row per delivered line, then the total. */
export function statementCsv(s: StatementDto): string {
  const rows: (string | number | null)[][] = [];
  for (const o of s.orders) for (const l of o.lines) rows.push([s.costCentreCode, o.reference, o.date, o.enterpriseName, l.productName, l.quantity, l.unitPricePence, l.totalPence, o.journalEntryId]);
  rows.push([s.costCentreCode, 'TOTAL', s.month, '', '', '', '', s.totalPence, '']);
  return toCsv(['costCentre', 'reference', 'date', 'enterprise', 'item', 'quantity', 'unitPricePence', 'totalPence', 'journalEntryId'], rows);
}
