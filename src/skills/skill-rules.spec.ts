import type { Role } from '../users/roles';
import { decisionRefusal, highestVerifiedLevels, logRefusals, mayDecide, sourceFor, type VerifiedEntry } from './skill-rules';
import type { SkillLogSource, SkillLogStatus } from './skills.types';

const e = (skillId: string, levelRank: number, status: SkillLogStatus, occurredOn: string, id = `${skillId}-${levelRank}-${occurredOn}`): VerifiedEntry & { id: string } => ({ id, skillId, levelRank, status, occurredOn });

describe('highestVerifiedLevels', () => {
  const cases: { name: string; entries: ReturnType<typeof e>[]; onDate?: string; expected: Record<string, [string, string]> }[] = [
    { name: 'no entries: no levels', entries: [], expected: {} },
    { name: 'a pending entry does not count', entries: [e('a', 3, 'PENDING', '2026-01-01')], expected: {} },
    { name: 'a rejected entry does not count', entries: [e('a', 4, 'REJECTED', '2026-01-01')], expected: {} },
    {
      name: 'the highest verified level wins, whatever the order',
      entries: [e('a', 2, 'VERIFIED', '2026-01-05'), e('a', 3, 'VERIFIED', '2026-01-01'), e('a', 1, 'VERIFIED', '2026-02-01')],
      expected: { a: ['COMPETENT', '2026-01-01'] },
    },
    {
      name: 'a higher pending entry does not lift a lower verified one',
      entries: [e('a', 1, 'VERIFIED', '2026-01-05'), e('a', 4, 'PENDING', '2026-01-06'), e('a', 3, 'REJECTED', '2026-01-07')],
      expected: { a: ['INTRODUCED', '2026-01-05'] },
    },
    {
      name: 'a tie keeps the earliest entry (when the level was first shown)',
      entries: [e('a', 2, 'VERIFIED', '2026-03-01'), e('a', 2, 'VERIFIED', '2026-01-01')],
      expected: { a: ['DEVELOPING', '2026-01-01'] },
    },
    {
      name: 'skills are kept apart',
      entries: [e('a', 2, 'VERIFIED', '2026-01-01'), e('b', 4, 'VERIFIED', '2026-01-02')],
      expected: { a: ['DEVELOPING', '2026-01-01'], b: ['PROFICIENT', '2026-01-02'] },
    },
    {
      name: 'entries dated after onDate do not count',
      entries: [e('a', 2, 'VERIFIED', '2026-01-01'), e('a', 4, 'VERIFIED', '2026-02-01')],
      onDate: '2026-01-31',
      expected: { a: ['DEVELOPING', '2026-01-01'] },
    },
    { name: 'an entry dated on onDate counts', entries: [e('a', 3, 'VERIFIED', '2026-01-31')], onDate: '2026-01-31', expected: { a: ['COMPETENT', '2026-01-31'] } },
    { name: 'an out-of-range rank is ignored', entries: [e('a', 7, 'VERIFIED', '2026-01-01')], expected: {} },
  ];
  it.each(cases)('$name', ({ entries, onDate, expected }) => {
    const got = highestVerifiedLevels(entries, onDate);
    expect(Object.fromEntries([...got].map(([k, v]) => [k, [v.level, v.entry.occurredOn]]))).toEqual(expected);
  });
});

describe('decisionRefusal (who may verify or reject)', () => {
  const author = 'author-id';
  const pending = (source: SkillLogSource = 'STAFF', status: SkillLogStatus = 'PENDING') => ({ status, source, createdByUserId: author });
  const cases: { name: string; role: Role; id?: string; entry: ReturnType<typeof pending>; decision: 'VERIFY' | 'REJECT'; comment?: string; expected: string | null }[] = [
    { name: 'an OT verifies another member of staff’s observation', role: 'OT', entry: pending(), decision: 'VERIFY', expected: null },
    { name: 'an enterprise lead verifies a self-assessment', role: 'ENTERPRISE_LEAD', entry: pending('SELF'), decision: 'VERIFY', expected: null },
    { name: 'an employment specialist rejects with a comment', role: 'EMPLOYMENT_SPECIALIST', entry: pending(), decision: 'REJECT', comment: 'Not yet', expected: null },
    { name: 'verifying needs no comment', role: 'OT', entry: pending('SELF'), decision: 'VERIFY', comment: '', expected: null },
    { name: 'four eyes: the author of a staff observation cannot verify it', role: 'OT', id: author, entry: pending(), decision: 'VERIFY', expected: 'FOUR_EYES' },
    { name: 'four eyes: nor reject it', role: 'ENTERPRISE_LEAD', id: author, entry: pending(), decision: 'REJECT', comment: 'x', expected: 'FOUR_EYES' },
    { name: 'ward staff log observations but do not verify', role: 'WARD_STAFF', entry: pending(), decision: 'VERIFY', expected: 'FORBIDDEN' },
    { name: 'an admin does not verify', role: 'ADMIN', entry: pending(), decision: 'VERIFY', expected: 'FORBIDDEN' },
    { name: 'a patient does not verify', role: 'PATIENT', entry: pending('SELF'), decision: 'VERIFY', expected: 'FORBIDDEN' },
    { name: 'a commissioner does not verify', role: 'COMMISSIONER', entry: pending(), decision: 'VERIFY', expected: 'FORBIDDEN' },
    { name: 'a verified entry is not decided again', role: 'OT', entry: pending('STAFF', 'VERIFIED'), decision: 'REJECT', comment: 'x', expected: 'ALREADY_DECIDED' },
    { name: 'a rejected entry is not decided again', role: 'OT', entry: pending('SELF', 'REJECTED'), decision: 'VERIFY', expected: 'ALREADY_DECIDED' },
    { name: 'already decided is reported before four eyes', role: 'OT', id: author, entry: pending('STAFF', 'VERIFIED'), decision: 'VERIFY', expected: 'ALREADY_DECIDED' },
    { name: 'a rejection without a comment is refused', role: 'OT', entry: pending(), decision: 'REJECT', expected: 'COMMENT_REQUIRED' },
    { name: 'a blank comment is no comment', role: 'OT', entry: pending(), decision: 'REJECT', comment: '   ', expected: 'COMMENT_REQUIRED' },
  ];
  it.each(cases)('$name', ({ role, id, entry, decision, comment, expected }) => {
    const r = decisionRefusal({ id: id ?? 'someone-else', role }, entry, decision, comment);
    expect(r?.code ?? null).toBe(expected);
    expect(mayDecide({ id: id ?? 'someone-else', role }, entry)).toBe(expected === null || expected === 'COMMENT_REQUIRED');
  });
});

describe('logRefusals (date and shift of a new entry)', () => {
  const today = '2026-03-10';
  const cases: { name: string; occurredOn: string; shift?: { date: string; patientBooked: boolean } | null; shiftGiven?: boolean; expected: string[] }[] = [
    { name: 'today is fine', occurredOn: today, expected: [] },
    { name: 'a past date is fine', occurredOn: '2025-12-01', expected: [] },
    { name: 'tomorrow is refused', occurredOn: '2026-03-11', expected: ['occurredOn'] },
    { name: 'a shift the patient worked, on that date, is fine', occurredOn: '2026-03-09', shift: { date: '2026-03-09', patientBooked: true }, shiftGiven: true, expected: [] },
    { name: 'an unknown shift is refused', occurredOn: '2026-03-09', shift: null, shiftGiven: true, expected: ['shiftId'] },
    { name: 'a shift the patient was not booked on is refused', occurredOn: '2026-03-09', shift: { date: '2026-03-09', patientBooked: false }, shiftGiven: true, expected: ['shiftId'] },
    { name: 'a shift on another date is refused', occurredOn: '2026-03-08', shift: { date: '2026-03-09', patientBooked: true }, shiftGiven: true, expected: ['shiftId'] },
    { name: 'both problems are reported at once', occurredOn: '2026-03-12', shift: null, shiftGiven: true, expected: ['occurredOn', 'shiftId'] },
  ];
  it.each(cases)('$name', ({ occurredOn, shift, shiftGiven, expected }) => {
    expect(logRefusals({ occurredOn, today, shift, shiftGiven: !!shiftGiven }).map((r) => r.field)).toEqual(expected);
  });
});

describe('sourceFor', () => {
  it.each([
    ['PATIENT', 'SELF'],
    ['OT', 'STAFF'],
    ['WARD_STAFF', 'STAFF'],
    ['ENTERPRISE_LEAD', 'STAFF'],
  ] as const)('%s logs as %s', (role, source) => expect(sourceFor(role)).toBe(source));
});
