import { DEFAULT_RETENTION, loadRetentionRules } from './retention';

describe('retention periods', () => {
  it('defaults to the NHS Records Management Code of Practice periods', () => {
    const years = Object.fromEntries(loadRetentionRules(undefined).map((r) => [r.type, r.years]));
    expect(years).toMatchObject({ patients: 20, attendanceRecords: 20, journalEntries: 6, auditEvents: 20 });
  });

  it('takes overrides from WARDWORKS_RETENTION_YEARS without changing the defaults', () => {
    const rules = loadRetentionRules('auditEvents=25, journalEntries=7');
    expect(rules.find((r) => r.type === 'auditEvents')?.years).toBe(25);
    expect(rules.find((r) => r.type === 'journalEntries')?.years).toBe(7);
    expect(DEFAULT_RETENTION.find((r) => r.type === 'auditEvents')?.years).toBe(20);
  });

  it.each([['auditEvents'], ['auditEvents=x'], ['nothing=3'], ['auditEvents=0']])('refuses %j naming the variable', (raw) => {
    expect(() => loadRetentionRules(raw)).toThrow(/WARDWORKS_RETENTION_YEARS/);
  });
});
