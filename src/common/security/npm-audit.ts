/**
 * Judges the report of `npm audit --omit=dev --json` (npm 7+ format) against the allow-list
 * (audit-allowlist.json): the run fails on any high or critical finding in a production
 * dependency whose advisories are not all allowed, with a reason, until their review date.
 */

export interface AllowEntry {
  /** The advisory: its GHSA id (from the advisory's URL) or npm's numeric source id. */
  id: string;
  package: string;
  reason: string;
  /** YYYY-MM-DD: after this date the entry no longer counts and must be looked at again. */
  reviewBy: string;
}

export interface AuditVerdict {
  /** The registry answered with a report (false: no audit could be done). */
  audited: boolean;
  /** Why no audit could be done, when it could not. */
  unavailable?: string;
  counts: Record<string, number>;
  /** High or critical findings not covered by the allow-list: the run fails on any. */
  blocking: string[];
  /** High or critical findings the allow-list covers, with its reason. */
  allowed: string[];
  /** Entries of the allow-list that are malformed or past their review date. */
  problems: string[];
}

type Via = string | { source?: number | string; name?: string; title?: string; url?: string; severity?: string };
interface Vulnerability {
  name?: string;
  severity?: string;
  via?: Via[];
  fixAvailable?: unknown;
}
export interface AuditReport {
  vulnerabilities?: Record<string, Vulnerability>;
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: { code?: string; summary?: string };
  message?: string;
}

const BLOCKING = new Set(['high', 'critical']);

function advisoryIds(via: Via): string[] {
  if (typeof via === 'string') return [];
  const ids: string[] = [];
  const ghsa = /GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/i.exec(via.url ?? '');
  if (ghsa) ids.push(ghsa[0]);
  if (via.source !== undefined) ids.push(String(via.source));
  return ids;
}

export function checkAllowList(entries: unknown, today: string): { valid: AllowEntry[]; problems: string[] } {
  const problems: string[] = [];
  const valid: AllowEntry[] = [];
  if (!Array.isArray(entries)) return { valid, problems: ['the allow-list must be a JSON array'] };
  for (const [i, raw] of entries.entries()) {
    const e = raw as Partial<AllowEntry>;
    const where = `allow-list entry ${i + 1}${e?.id ? ` (${e.id})` : ''}`;
    if (!e || typeof e.id !== 'string' || !e.id) problems.push(`${where}: no advisory id`);
    else if (typeof e.package !== 'string' || !e.package) problems.push(`${where}: no package`);
    else if (typeof e.reason !== 'string' || e.reason.trim().length < 20) problems.push(`${where}: give a reason (why no fix is available and why it is safe meanwhile)`);
    else if (typeof e.reviewBy !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.reviewBy)) problems.push(`${where}: reviewBy must be a date, YYYY-MM-DD`);
    else if (e.reviewBy < today) problems.push(`${where}: its review date ${e.reviewBy} has passed; look again and renew or remove it`);
    else valid.push(e as AllowEntry);
  }
  return { valid, problems };
}

export function assessAudit(input: unknown, allowList: unknown, today: string): AuditVerdict {
  const { valid, problems } = checkAllowList(allowList, today);
  const report = input as AuditReport;
  if (!report || typeof report !== 'object' || !report.vulnerabilities) {
    const why = report?.error?.summary || report?.message || 'npm audit gave no report';
    return { audited: false, unavailable: why, counts: {}, blocking: [], allowed: [], problems };
  }
  const allowed = new Map(valid.map((e) => [`${e.package}|${e.id.toUpperCase()}`, e]));
  const verdict: AuditVerdict = { audited: true, counts: { ...(report.metadata?.vulnerabilities ?? {}) }, blocking: [], allowed: [], problems };
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    if (!BLOCKING.has(v.severity ?? '')) continue;
    // Advisories of this package itself; a finding only "via" another vulnerable package is
    // judged at that package.
    const own = (v.via ?? []).filter((x): x is Exclude<Via, string> => typeof x !== 'string' && BLOCKING.has(x.severity ?? v.severity ?? ''));
    if (own.length === 0) continue;
    for (const adv of own) {
      const ids = advisoryIds(adv);
      const entry = ids.map((id) => allowed.get(`${name}|${id.toUpperCase()}`)).find(Boolean);
      const label = `${name} (${adv.severity ?? v.severity}): ${adv.title ?? 'advisory'} ${ids[0] ?? ''}`.trim();
      if (entry) verdict.allowed.push(`${label} -- allowed until ${entry.reviewBy}: ${entry.reason}`);
      else verdict.blocking.push(label);
    }
  }
  return verdict;
}
