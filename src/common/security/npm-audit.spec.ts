import { assessAudit } from './npm-audit';

const advisory = (name: string, severity: string, ghsa: string) => ({ source: 1100000, name, title: `${name} flaw`, url: `https://github.com/advisories/${ghsa}`, severity });

function report(vulns: Record<string, { severity: string; via: unknown[] }>) {
  return {
    vulnerabilities: Object.fromEntries(Object.entries(vulns).map(([name, v]) => [name, { name, ...v, fixAvailable: false }])),
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 } },
  };
}

const TODAY = '2026-12-05';

describe('npm audit verdict', () => {
  it('passes a report with only low and moderate findings', () => {
    const v = assessAudit(report({ a: { severity: 'moderate', via: [advisory('a', 'moderate', 'GHSA-aaaa-bbbb-cccc')] } }), [], TODAY);
    expect(v).toMatchObject({ audited: true, blocking: [], allowed: [], problems: [] });
  });

  it.each(['high', 'critical'])('fails on a %s finding that is not allowed', (severity) => {
    const v = assessAudit(report({ a: { severity, via: [advisory('a', severity, 'GHSA-aaaa-bbbb-cccc')] } }), [], TODAY);
    expect(v.blocking).toEqual([`a (${severity}): a flaw GHSA-aaaa-bbbb-cccc`]);
  });

  it('judges a finding at the package that has the advisory, not at the ones that only depend on it', () => {
    const v = assessAudit(report({ a: { severity: 'high', via: [advisory('a', 'high', 'GHSA-aaaa-bbbb-cccc')] }, b: { severity: 'high', via: ['a'] } }), [], TODAY);
    expect(v.blocking).toHaveLength(1);
  });

  it('accepts a finding the allow-list covers with a reason and a review date not yet passed', () => {
    const allow = [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'a', reason: 'No fixed version exists; the flaw needs a request body we never parse.', reviewBy: '2027-01-31' }];
    const v = assessAudit(report({ a: { severity: 'high', via: [advisory('a', 'high', 'GHSA-aaaa-bbbb-cccc')] } }), allow, TODAY);
    expect(v.blocking).toEqual([]);
    expect(v.allowed).toHaveLength(1);
  });

  it('does not accept an entry without a reason, for another package, or past its review date', () => {
    const finding = report({ a: { severity: 'high', via: [advisory('a', 'high', 'GHSA-aaaa-bbbb-cccc')] } });
    const noReason = assessAudit(finding, [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'a', reason: 'ok', reviewBy: '2027-01-31' }], TODAY);
    expect(noReason.blocking).toHaveLength(1);
    expect(noReason.problems[0]).toMatch(/reason/);
    const otherPackage = assessAudit(finding, [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'b', reason: 'A long enough reason that names why it is safe.', reviewBy: '2027-01-31' }], TODAY);
    expect(otherPackage.blocking).toHaveLength(1);
    const stale = assessAudit(finding, [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'a', reason: 'A long enough reason that names why it is safe.', reviewBy: '2026-12-04' }], TODAY);
    expect(stale.blocking).toHaveLength(1);
    expect(stale.problems[0]).toMatch(/review date 2026-12-04 has passed/);
  });

  it('reports that no audit was done when the registry answers an error instead of a report', () => {
    const v = assessAudit({ error: { code: 'E405', summary: '' }, message: '405 Method Not Allowed' }, [], TODAY);
    expect(v).toMatchObject({ audited: false, unavailable: '405 Method Not Allowed', blocking: [] });
  });
});
