import { newPdfDocument } from '../common/pdf/pdf-document';
import type { OutcomesReport } from './outcomes.types';
import { breakdownTables, headlines, indicatorTables, GROUP_BY_LABELS } from './report-view';

/** The quarterly report as a PDF (A4 landscape), from the suppressed report: it leaves the service. */
export async function quarterlyPdf(r: OutcomesReport, quarter: string): Promise<Buffer> {
  const doc = await newPdfDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `WardWorks outcomes report ${quarter}`, Author: 'WardWorks' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 72;

  doc.font('Helvetica-Bold').fontSize(18).text(`Outcomes report, ${quarter}`);
  doc.font('Helvetica').fontSize(10).text(`${r.from} to ${r.to}, by ${GROUP_BY_LABELS[r.groupBy].toLowerCase()}. Aggregates only: counts of 1 to 4 are shown as "<5", "*" marks a figure hidden so a total cannot reveal one, and rates built on fewer than 5 people are not shown.`);
  doc.moveDown();
  for (const h of headlines(r)) doc.text(`${h.key}: ${h.value}`);

  const table = (t: { caption: string; headers: string[]; rows: string[][] }) => {
    const cols = t.headers.length;
    const first = Math.min(180, width / 3);
    const rest = (width - first) / Math.max(1, cols - 1);
    const widths = t.headers.map((_, i) => (i === 0 ? first : rest));
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 4 }))) + 4;
      if (doc.y + h > doc.page.height - 36) doc.addPage();
      const y = doc.y;
      let x = 36;
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 2, { width: widths[i] - 4, align: i === 0 ? 'left' : 'right' });
        x += widths[i];
      });
      doc.moveTo(36, y + h).lineTo(36 + width, y + h).lineWidth(0.5).strokeColor('#aeb7bd').stroke();
      doc.x = 36;
      doc.y = y + h;
    };
    doc.moveDown();
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(12).text(t.caption, 36);
    row(t.headers, true);
    t.rows.forEach((cells) => row(cells, false));
  };
  for (const t of [...indicatorTables(r), ...breakdownTables(r)]) table(t);
  doc.end();
  return done;
}
