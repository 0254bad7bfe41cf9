import { newPdfDocument } from '../common/pdf/pdf-document';
import { penceToPounds } from '../common/money';
import type { ZReport } from './tills.service';

const money = (p: number | null) => (p === null ? '-' : `£${penceToPounds(p)}`);

/** The Z report of a till session as an A4 PDF of real text (Helvetica, no embedded fonts). */
export async function renderZReportPdf(z: ZReport, enterpriseName: string): Promise<Buffer> {
  const doc = await newPdfDocument({ size: 'A4', margin: 56, lang: 'en-GB', displayTitle: true, info: { Title: `Z report: ${enterpriseName}, till ${z.session.till}`, Creator: 'WardWorks' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const row = (left: string, right: string) => doc.font('Helvetica').fontSize(10).text(left, { continued: true }).text(right, { align: 'right' });
  doc.font('Helvetica-Bold').fontSize(18).text(`Z report: ${enterpriseName}`);
  doc.font('Helvetica').fontSize(10).text(`Till ${z.session.till}. Opened ${z.session.openedAt.slice(0, 16).replace('T', ' ')} UTC${z.session.closedAt ? `, closed ${z.session.closedAt.slice(0, 16).replace('T', ' ')} UTC` : ' (still open)'}.`);
  doc.text(`Operators: ${z.operators.map((o) => o.displayName).join(', ') || 'none'}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Sales by product');
  for (const p of z.byProduct) row(`${p.category}: ${p.name} × ${p.quantity}${p.refundedQuantity ? ` (refunded ${p.refundedQuantity})` : ''}`, money(p.salesPence - p.refundsPence));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Sales by category');
  for (const c of z.byCategory) row(c.category, money(c.salesPence - c.refundsPence));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Payments by method (net of change and refunds)');
  for (const [m, v] of Object.entries(z.paymentsByMethod)) row(m.replace('_', ' ').toLowerCase(), money(v));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Refunds');
  if (!z.refunds.length) doc.font('Helvetica').fontSize(10).text('None.');
  for (const r of z.refunds) row(r.reason ?? '', money(r.totalPence));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Cash movements');
  if (!z.cashMovements.length) doc.font('Helvetica').fontSize(10).text('None.');
  for (const m of z.cashMovements) row(`${m.kind === 'IN' ? 'In' : 'Out'}: ${m.reason}`, money(m.amountPence));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Cash');
  row('Opening float', money(z.session.openingFloatPence));
  row('Expected', money(z.expectedCashPence));
  row('Counted', money(z.countedCashPence));
  row('Difference (over + / short -)', money(z.differencePence));
  doc.end();
  return done;
}
