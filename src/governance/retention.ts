/**
 * How long records are kept, in the words of the privacy notice. Periods follow the NHS
 * Records Management Code of Practice (2023) for mental health records: 20 years after the
 * last contact, or 8 years after death. Nothing is deleted automatically.
 */
export const RETENTION_SUMMARY: { record: string; kept: string }[] = [
  { record: 'Your record, leave, work restrictions and benefits limits', kept: '20 years after you were last in contact with the service (8 years after death), as for all mental health records' },
  { record: 'Shifts, attendance and pay', kept: '20 years, as part of your mental health record; pay records at least 6 years for HM Revenue and Customs' },
  { record: 'Skills, references and credentials', kept: '20 years, as part of your mental health record, unless you ask us to withdraw a reference or credential sooner' },
  { record: 'The enterprises’ accounts (wages, takings)', kept: '6 years after the end of the financial year' },
  { record: 'The audit log of who looked at or changed your records', kept: '20 years, as long as the records it is about' },
];
