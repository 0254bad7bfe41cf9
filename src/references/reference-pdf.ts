import { newPdfDocument } from '../common/pdf/pdf-document';
import { formatCode, hoursText, levelLabel, rateText, type PublicReference } from './reference-rules';

const A4 = 'A4';
const MARGIN = 56;
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "3 March 2026" for a YYYY-MM-DD date. */
export function longDate(date: string | null): string {
  return date ? LONG_DATE.format(new Date(date + 'T12:00:00Z')) : '';
}

export interface PdfInput {
  view: PublicReference;
  patientName: string;
  /** The address an employer visits to check the code, e.g. https://wardworks.example/verify/ABCD... */
  verifyUrl: string;
}

/**
 * The reference as an A4 PDF of real text in the standard Helvetica fonts (searchable, readable
 * by screen readers, no embedded font files): a heading, the facts, a table of verified skills,
 * the statement, the referee, and the verification code with the address to check it.
 */
export async function renderReferencePdf(input: PdfInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { view: v, patientName, verifyUrl } = input;
  const doc = await newPdfDocument({
    size: A4,
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `Employment reference for ${patientName}`, Subject: `${v.roleTitle}, ${v.enterpriseName}`, Creator: 'WardWorks' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#000000').text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const row = (key: string, value: string, keyWidth = 170) => {
    ensure(30);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(11).text(key, MARGIN, y, { width: keyWidth - 10 });
    const afterKey = doc.y;
    doc.font('Helvetica').fontSize(11).text(value, MARGIN + keyWidth, y, { width: width - keyWidth });
    doc.y = Math.max(afterKey, doc.y) + 4;
  };

  doc.font('Helvetica-Bold').fontSize(22).text('Employment reference', MARGIN, MARGIN, { width });
  doc.font('Helvetica').fontSize(13).text(`for ${patientName}`, { width });
  doc.moveDown(0.2).fontSize(11).fillColor('#4c6272').text(`${v.roleTitle}, ${v.enterpriseName}${v.hospitalName ? `, ${v.hospitalName}` : ''}`, { width });
  doc.fillColor('#000000');

  heading('Work record');
  row('Role', v.roleTitle);
  row('Organisation', v.enterpriseName);
  if (v.hospitalName) row('Site', v.hospitalName);
  row('From', longDate(v.startOn));
  row('To', v.endOn ? longDate(v.endOn) : 'Still in this role');
  row('Hours worked', hoursText(v.minutesWorked));
  row('Shifts attended', `${v.shiftsAttended} of ${v.shiftsRecorded} recorded shifts`);
  row('Attendance', rateText(v.attendanceRatePercent));
  row('Punctuality', `${rateText(v.punctualityRatePercent)}${v.punctualityRatePercent === null ? '' : ' of attended shifts started on time'}`);

  heading('Verified skills');
  if (!v.verifiedSkills.length) {
    doc.font('Helvetica').fontSize(11).text('No skills were verified during this role.', MARGIN, doc.y, { width });
  } else {
    ensure(40);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(11).text('Skill', MARGIN, y, { width: width / 2 - 10 });
    doc.text('Level (checked by staff)', MARGIN + width / 2, y, { width: width / 2 });
    doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width, doc.y + 2).lineWidth(0.5).strokeColor('#768692').stroke();
    doc.y += 6;
    for (const s of v.verifiedSkills) {
      ensure(24);
      const ry = doc.y;
      doc.font('Helvetica').fontSize(11).text(s.name, MARGIN, ry, { width: width / 2 - 10 });
      const afterName = doc.y;
      doc.text(levelLabel(s.level), MARGIN + width / 2, ry, { width: width / 2 });
      doc.y = Math.max(afterName, doc.y) + 3;
    }
  }

  heading('Statement');
  doc.font('Helvetica').fontSize(11).text(v.statement, MARGIN, doc.y, { width, align: 'left', lineGap: 2 });

  heading('Referee');
  row('Name', v.refereeName);
  row('Job title', v.refereeJobTitle);
  if (v.approvedOn) row('Approved on', longDate(v.approvedOn));

  ensure(110);
  doc.moveDown(1);
  const boxTop = doc.y;
  doc.font('Helvetica-Bold').fontSize(12).text('Check this reference is genuine', MARGIN + 12, boxTop + 12, { width: width - 24 });
  doc.font('Helvetica').fontSize(11).text(`Verification code: ${formatCode(v.verificationCode)}`, { width: width - 24 });
  doc.text(`Go to ${verifyUrl}`, { width: width - 24, link: verifyUrl, underline: false });
  doc.text('The page shows what this reference says, or that it has been withdrawn.', { width: width - 24 });
  doc.rect(MARGIN, boxTop, width, doc.y - boxTop + 12).lineWidth(1).strokeColor('#005eb8').stroke();

  doc.end();
  return done;
}
