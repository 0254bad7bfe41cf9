import { newPdfDocument } from '../common/pdf/pdf-document';
import { EXPORT_SECTIONS, type SubjectAccessExport } from './subject-access.service';

const MARGIN = 56;

/** "recordedAt" -> "Recorded at". */
function label(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value) && value.every((x) => x && typeof x === 'object' && 'productName' in x && 'quantity' in x)) {
    return (value as { productName: string; quantity: number }[]).map((x) => `${x.quantity} × ${x.productName}`).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The subject access export as a readable A4 PDF: one section per area, one block per record. */
export async function renderSubjectAccessPdf(data: SubjectAccessExport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const name = text(data.patient.displayName);
  const doc = await newPdfDocument({ size: 'A4', margin: MARGIN, compress: options.compress ?? true, lang: 'en-GB', displayTitle: true, info: { Title: `Everything WardWorks holds about ${name}`, Creator: 'WardWorks' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const ensure = (space: number) => {
    if (doc.y + space > doc.page.height - MARGIN) doc.addPage();
  };
  const row = (key: string, value: string) => {
    ensure(28);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#000000').text(label(key), MARGIN, y, { width: 150 });
    const after = doc.y;
    doc.font('Helvetica').fontSize(9).text(value, MARGIN + 160, y, { width: width - 160 });
    doc.y = Math.max(after, doc.y) + 2;
  };
  const block = (record: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(record)) row(k, text(v));
    doc.moveDown(0.6);
  };

  doc.font('Helvetica-Bold').fontSize(18).text(`Everything WardWorks holds about ${name}`, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(10).text(`Made on ${data.exportedAt}. This is a copy of your information under the UK GDPR (a subject access request). The same information is available as a JSON file.`, { width });
  for (const [key, title] of EXPORT_SECTIONS) {
    const value = data[key] as unknown;
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(title, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    if (key === 'pay') {
      row('totalPaidPence', text(data.pay.totalPaidPence));
      doc.moveDown(0.4);
      for (const line of data.pay.timesheetLines) block(line);
      continue;
    }
    const records = Array.isArray(value) ? (value as Record<string, unknown>[]) : value ? [value as Record<string, unknown>] : [];
    if (!records.length) doc.font('Helvetica').fontSize(10).text('Nothing held.', { width });
    for (const r of records) block(r);
  }
  doc.end();
  return done;
}
