import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The clinical risk management file (DCB0129) as data: docs/clinical-safety/hazard-log.json.
 * These functions check it against the code and the test suite, and render the safety case
 * report from it, so the file cannot drift from the product.
 */

export const SEVERITIES = ['MINOR', 'SIGNIFICANT', 'CONSIDERABLE', 'MAJOR', 'CATASTROPHIC'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const LIKELIHOODS = ['VERY_LOW', 'LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

/** The DCB0129 risk matrix: MATRIX[likelihood][severity] = risk rating 1 (lowest) to 5. */
export const MATRIX: Record<Likelihood, readonly number[]> = {
  VERY_HIGH: [3, 4, 4, 5, 5],
  HIGH: [2, 3, 3, 4, 5],
  MEDIUM: [2, 2, 3, 3, 4],
  LOW: [1, 2, 2, 3, 4],
  VERY_LOW: [1, 1, 2, 2, 3],
};

export const RISK_MEANINGS: Record<number, string> = {
  1: 'Acceptable',
  2: 'Acceptable where further risk reduction is impractical',
  3: 'Undesirable: accepted only where further reduction is impractical, with sign-off by the clinical safety officer',
  4: 'Unacceptable: must be reduced',
  5: 'Unacceptable: must be reduced',
};

export const SEVERITY_LABELS: Record<Severity, string> = { MINOR: 'Minor', SIGNIFICANT: 'Significant', CONSIDERABLE: 'Considerable', MAJOR: 'Major', CATASTROPHIC: 'Catastrophic' };
export const LIKELIHOOD_LABELS: Record<Likelihood, string> = { VERY_LOW: 'Very low', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', VERY_HIGH: 'Very high' };

export interface RiskAssessment {
  severity: Severity;
  likelihood: Likelihood;
  risk: number;
}

export interface Control {
  description: string;
  /** Files (paths from the project root) holding the control in the product. */
  code: string[];
  /** Names of the tests that prove the control, each exactly as written in its it(...) or test(...). */
  evidence: string[];
}

export interface Hazard {
  id: string;
  hazard: string;
  causes: string[];
  effects: string;
  initial: RiskAssessment;
  controls: Control[];
  residual: RiskAssessment;
  /** Why the residual risk is as stated, and anything still open. */
  residualNote: string;
}

export interface HazardLog {
  product: string;
  scope: string[];
  outOfScope: string[];
  raisingConcerns: string[];
  hazards: Hazard[];
}

export function riskOf(severity: Severity, likelihood: Likelihood): number {
  const row = MATRIX[likelihood];
  const col = SEVERITIES.indexOf(severity);
  if (!row || col < 0) throw new Error(`Unknown severity ${severity} or likelihood ${likelihood}`);
  return row[col];
}

export const HAZARD_LOG_PATH = 'docs/clinical-safety/hazard-log.json';
export const SAFETY_CASE_PATH = 'docs/clinical-safety/safety-case.md';

export function readHazardLog(root: string): HazardLog {
  return JSON.parse(readFileSync(join(root, HAZARD_LOG_PATH), 'utf8')) as HazardLog;
}

// ---- the test names in the suite ----

export interface TestName {
  file: string;
  /** The title as written; in a template literal, ${...} stands for any text. */
  title: string;
  /** Whether the title has placeholders (template literal or it.each's %s, %i, ...). */
  pattern: boolean;
}

// crash-spec: test/crash, run by CI (.ci/run, "Crash safety") though not by npm test.
const SPEC_FILE = /\.(spec|e2e-spec|browser-spec|crash-spec)\.ts$/;

function specFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SPEC_FILE.test(entry.name)) out.push(path);
    }
  };
  for (const dir of ['src', 'test', 'seeds']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return out.sort();
}

/** The index just past a balanced bracket group starting at `open`, skipping strings and comments. */
function skipGroup(src: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
  const stack = [pairs[src[open]]];
  let i = open + 1;
  while (i < src.length && stack.length) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(src, i);
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) return src.length;
      continue;
    }
    if (startsRegExp(src, i)) {
      i = skipRegExp(src, i);
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 2;
      if (i < 2) return src.length;
      continue;
    }
    if (c === stack[stack.length - 1]) stack.pop();
    else if (c === '=' && src[i + 1] === '>') i++;
    else if (pairs[c] && (c !== '<' || stack[stack.length - 1] === '>')) stack.push(pairs[c]);
    i++;
  }
  return i;
}

function skipString(src: string, start: number): number {
  const q = src[start];
  let i = start + 1;
  while (i < src.length && src[i] !== q) {
    if (src[i] === '\\') i++;
    else if (q === '`' && src[i] === '$' && src[i + 1] === '{') {
      i = skipGroup(src, i + 1);
      continue;
    }
    i++;
  }
  return i + 1;
}

/** Whether a "/" at i starts a regular expression literal (rather than a division), judged by what precedes it. */
function startsRegExp(src: string, i: number): boolean {
  if (src[i] !== '/' || src[i + 1] === '/' || src[i + 1] === '*') return false;
  let j = i - 1;
  while (j >= 0 && /\s/.test(src[j])) j--;
  if (j < 0 || '(,=:[!&|?{};+-*%<>~^'.includes(src[j])) return true;
  return /\b(return|typeof|case|in|of|void|yield|await)$/.test(src.slice(Math.max(0, j - 8), j + 1));
}

/** The index just past a regular expression literal starting at i (its flags included). */
function skipRegExp(src: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < src.length && src[i] !== '\n') {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
    i++;
  }
  i++;
  while (/[a-z]/.test(src[i] ?? '')) i++;
  return i;
}

/** The literal text of a string token (quotes removed, escapes resolved; ${...} kept as written). */
function stringText(token: string): string {
  const body = token.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

/** The titles of it(...) and test(...) calls in a source text, it.each tables included (not in strings or comments). */
export function testTitlesIn(src: string): { title: string; pattern: boolean }[] {
  const out: { title: string; pattern: boolean }[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(src, i);
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const eol = src.indexOf('\n', i);
      i = eol < 0 ? src.length : eol;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      continue;
    }
    if (startsRegExp(src, i)) {
      i = skipRegExp(src, i);
      continue;
    }
    const word = /^(it|test)\b/.exec(src.slice(i, i + 5));
    if (!word || /[\w.$]/.test(src[i - 1] ?? '')) {
      i++;
      continue;
    }
    i += word[0].length;
    const found = titleAt(src, i);
    if (found) {
      out.push(found.title);
      i = found.next;
    }
  }
  return out;
}

/** The title of a test call whose name ends just before `i`: it.each(...)('title'), test.concurrent('title'), it<T>... */
function titleAt(src: string, start: number): { title: { title: string; pattern: boolean }; next: number } | null {
  let i = start;
  let each = false;
  const spaces = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  while (src[i] === '.') {
    const mod = /^\.(\w+)/.exec(src.slice(i));
    if (!mod) return null;
    i += mod[0].length;
    if (mod[1] === 'each') {
      each = true;
      spaces();
      if (src[i] === '<') i = skipGroup(src, i);
      spaces();
      if (src[i] === '(') i = skipGroup(src, i);
      else if (src[i] === '`') i = skipString(src, i);
    }
  }
  spaces();
  if (src[i] !== '(') return null;
  i++;
  spaces();
  const q = src[i];
  if (q !== "'" && q !== '"' && q !== '`') return null;
  const end = skipString(src, i);
  const title = stringText(src.slice(i, end));
  const templated = q === '`' && title.includes('${');
  const formatted = each && /%[sdifjoOp#%]|\$\w+/.test(title);
  return { title: { title, pattern: templated || formatted }, next: end };
}

export function scanTestNames(root: string): TestName[] {
  return specFiles(root).flatMap((path) => testTitlesIn(readFileSync(path, 'utf8')).map((t) => ({ file: relative(root, path).split('\\').join('/'), ...t })));
}

/** Placeholders in a title: ${...}, printf-style %s/%i/..., and it.each's $name. */
const PLACEHOLDER = /(\$\{(?:[^{}]|\{[^{}]*\})*\}|%[sdifjoOp#]|\$[A-Za-z_]\w*)/;

/** A templated title as a pattern; null when it is (almost) all placeholders, so it cannot stand for any name. */
function titleRegExp(title: string): RegExp | null {
  const parts = title.split(PLACEHOLDER);
  if (parts.filter((_p, n) => n % 2 === 0).join('').trim().length < 10) return null;
  const body = parts.map((p, n) => (n % 2 ? '.+?' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/**
 * Where a test with this exact name is in the suite. A templated title also matches a name with
 * text in place of its placeholders, unless the title is little more than placeholders.
 */
export function findTest(name: string, tests: TestName[]): TestName | undefined {
  return tests.find((t) => t.title === name) ?? tests.find((t) => t.pattern && !!titleRegExp(t.title)?.test(name));
}

// ---- checking the log ----

export function checkHazardLog(log: HazardLog, root: string, tests: TestName[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const h of log.hazards) {
    const at = `${h.id || '(no id)'}`;
    if (!h.id) problems.push('a hazard has no id');
    if (ids.has(h.id)) problems.push(`${at}: id used twice`);
    ids.add(h.id);
    if (!h.hazard?.trim()) problems.push(`${at}: no hazard description`);
    if (!h.causes?.length) problems.push(`${at}: no causes`);
    if (!h.effects?.trim()) problems.push(`${at}: no effects on the patient`);
    for (const [name, r] of [['initial', h.initial], ['residual', h.residual]] as const) {
      if (!r || !SEVERITIES.includes(r.severity) || !LIKELIHOODS.includes(r.likelihood)) {
        problems.push(`${at}: ${name} risk needs a severity (${SEVERITIES.join(', ')}) and a likelihood (${LIKELIHOODS.join(', ')})`);
        continue;
      }
      const expected = riskOf(r.severity, r.likelihood);
      if (r.risk !== expected) problems.push(`${at}: ${name} risk is stated as ${r.risk}, but ${r.severity} x ${r.likelihood} is ${expected} on the DCB0129 matrix`);
    }
    if (h.initial && h.residual && h.residual.risk > h.initial.risk) problems.push(`${at}: residual risk is higher than the initial risk`);
    if (!h.residualNote?.trim()) problems.push(`${at}: no note on the residual risk`);
    if (!h.controls?.length) problems.push(`${at}: no control`);
    for (const [n, c] of (h.controls ?? []).entries()) {
      const cat = `${at} control ${n + 1}`;
      if (!c.description?.trim()) problems.push(`${cat}: no description`);
      if (!c.code?.length) problems.push(`${cat}: names no code`);
      for (const path of c.code ?? []) if (!existsSync(join(root, path))) problems.push(`${cat}: names ${path}, which does not exist`);
      if (!c.evidence?.length) problems.push(`${cat}: names no test`);
      for (const name of c.evidence ?? []) if (!findTest(name, tests)) problems.push(`${cat}: names the test "${name}", which is not in the suite`);
    }
  }
  return problems;
}

// ---- the safety case report ----

function riskText(r: RiskAssessment): string {
  return `${r.risk} (${SEVERITY_LABELS[r.severity]} severity, ${LIKELIHOOD_LABELS[r.likelihood].toLowerCase()} likelihood)`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The clinical safety case report, in markdown, from the hazard log alone (deterministic). */
export function renderSafetyCase(log: HazardLog, tests: TestName[]): string {
  const byRisk = [...log.hazards].sort((a, b) => b.initial.risk - a.initial.risk || b.residual.risk - a.residual.risk || a.id.localeCompare(b.id));
  const lines: string[] = [];
  const p = (...l: string[]) => lines.push(...l);
  p(`# Clinical safety case report: ${log.product}`, '');
  p(`Generated from \`${HAZARD_LOG_PATH}\` by \`npm run safety-case\`. Do not edit by hand: a test fails when this file differs from what the generator writes.`, '');
  p('This report follows DCB0129 (Clinical Risk Management: its Application in the Manufacture of Health IT Systems). Each hazard is scored for severity and likelihood on the 5x5 matrix below, before and after the controls built into the product. Every control names the code that implements it and the automated tests that prove it; the test suite checks that those files and tests exist.', '');
  p('## Scope', '');
  for (const s of log.scope) p(`- ${s}`);
  p('', 'Out of scope:', '');
  for (const s of log.outOfScope) p(`- ${s}`);
  p('', '## Risk matrix', '');
  p(`| likelihood \\ severity | ${SEVERITIES.map((s) => SEVERITY_LABELS[s]).join(' | ')} |`, `|---|${SEVERITIES.map(() => '---').join('|')}|`);
  for (const l of [...LIKELIHOODS].reverse()) p(`| ${LIKELIHOOD_LABELS[l]} | ${MATRIX[l].join(' | ')} |`);
  p('', 'Risk ratings:', '');
  for (const r of [5, 4, 3, 2, 1]) p(`- **${r}**: ${RISK_MEANINGS[r]}`);
  p('', '## Hazards by risk', '');
  p('| id | hazard | initial risk | residual risk |', '|---|---|---|---|');
  for (const h of byRisk) p(`| ${h.id} | ${cell(h.hazard)} | ${h.initial.risk} | ${h.residual.risk} |`);
  p('');
  for (const h of byRisk) {
    p(`### ${h.id}: ${h.hazard}`, '');
    p('Causes:', '');
    for (const c of h.causes) p(`- ${c}`);
    p('', `Effects on the patient: ${h.effects}`, '');
    p(`Initial risk: ${riskText(h.initial)}.`, '');
    p('Controls:', '');
    for (const c of h.controls) {
      p(`- ${c.description}`);
      p(`  - Code: ${c.code.map((x) => `\`${x}\``).join(', ')}`);
      p('  - Evidence:');
      for (const e of c.evidence) {
        const t = findTest(e, tests);
        p(`    - "${e}"${t ? ` (\`${t.file}\`)` : ' (NOT FOUND)'}`);
      }
    }
    p('', `Residual risk: ${riskText(h.residual)}. ${h.residualNote}`, '');
  }
  p('## Residual risk', '');
  const highest = Math.max(...log.hazards.map((h) => h.residual.risk));
  const open = log.hazards.filter((h) => h.residual.risk >= 3);
  p(`${log.hazards.length} hazards are logged. The highest residual risk is ${highest} (${RISK_MEANINGS[highest]}).`);
  p(open.length ? `Hazards still at 3 or above, for the clinical safety officer's attention: ${open.map((h) => h.id).join(', ')}.` : 'No hazard has a residual risk of 3 or above.');
  p('', 'The residual risk is acceptable for deployment only together with the deploying trust\'s own DCB0160 clinical risk management, which must cover the hazards that depend on how the service is used on the wards (above all, that clinical changes to leave and restrictions are entered promptly).', '');
  p('## How to raise a safety concern', '');
  for (const s of log.raisingConcerns) p(`- ${s}`);
  p('');
  return lines.join('\n');
}
