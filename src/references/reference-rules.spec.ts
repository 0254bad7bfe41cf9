import {
  attendanceFacts,
  CODE_ALPHABET,
  formatCode,
  hoursText,
  levelLabel,
  newVerificationCode,
  normaliseCode,
  percent,
  publicView,
  selfApproval,
  statusRefusal,
  type ReferenceContent,
} from './reference-rules';

describe('verification codes', () => {
  it('are 12 characters from an alphabet without 0, O, 1 or I', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01OI]/);
    for (let i = 0; i < 200; i++) expect(newVerificationCode()).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
  });

  it('use every character with equal odds (bytes masked to 5 bits)', () => {
    expect(newVerificationCode(() => Buffer.from([0, 31, 32, 63, 255, 1, 2, 3, 4, 5, 6, 7]))).toBe('2Z2ZZ3456789');
  });

  it('are not repeated in practice', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newVerificationCode()));
    expect(codes.size).toBe(5000);
  });

  it.each([
    ['ABCD-EFGH-JKLM', 'ABCDEFGHJKLM'],
    ['abcd efgh jklm', 'ABCDEFGHJKLM'],
    ['ABCDEFGHJKLM', 'ABCDEFGHJKLM'],
    ['ABCDEFGHJKL', null],
    ['ABCDEFGHJKLO', null],
    ['ABCD/EFGH/JKLM', null],
    ['', null],
  ])('normalise %p to %p', (input, expected) => {
    expect(normaliseCode(input)).toBe(expected);
  });

  it('print in groups of four', () => {
    expect(formatCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM');
  });
});

describe('rates', () => {
  it.each([
    [4, 5, 80],
    [3, 4, 75],
    [1, 3, 33],
    [2, 3, 67],
    [1, 8, 13], // 12.5 rounds half up
    [0, 4, 0],
    [5, 5, 100],
    [0, 0, null],
  ])('%p of %p is %p per cent', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('attendance is attended / recorded and punctuality is on time / attended', () => {
    expect(attendanceFacts({ recorded: 5, attended: 4, onTime: 3, minutesWorked: 610 })).toEqual({
      minutesWorked: 610,
      shiftsRecorded: 5,
      shiftsAttended: 4,
      attendanceRatePercent: 80,
      punctualityRatePercent: 75,
    });
    expect(attendanceFacts({ recorded: 2, attended: 0, onTime: 0, minutesWorked: 0 })).toMatchObject({ attendanceRatePercent: 0, punctualityRatePercent: null });
  });
});

describe('workflow rules', () => {
  it.each([
    ['DRAFT', 'edit', true],
    ['APPROVED', 'edit', false],
    ['DRAFT', 'approve', true],
    ['APPROVED', 'approve', false],
    ['WITHDRAWN', 'approve', false],
    ['DRAFT', 'withdraw', false],
    ['APPROVED', 'withdraw', true],
    ['WITHDRAWN', 'withdraw', false],
    ['DRAFT', 'disclose', false],
    ['APPROVED', 'disclose', true],
  ] as const)('%s: %s allowed = %p', (status, action, allowed) => {
    expect(statusRefusal(status, action) === null).toBe(allowed);
  });

  it('four eyes: the drafter may not approve', () => {
    expect(selfApproval('u1', 'u1')).toBe(true);
    expect(selfApproval('u1', 'u2')).toBe(false);
  });
});

describe('the public view', () => {
  const content: ReferenceContent = {
    status: 'APPROVED',
    verificationCode: 'ABCDEFGHJKLM',
    facts: {
      roleTitle: 'Barista',
      enterpriseReferenceName: 'Riverside Community Café',
      hospitalName: 'Riverside Secure Unit',
      startOn: '2026-01-05',
      endOn: null,
      minutesWorked: 610,
      shiftsRecorded: 5,
      shiftsAttended: 4,
      attendanceRatePercent: 80,
      punctualityRatePercent: 75,
      verifiedSkills: [{ code: 'food-hygiene', name: 'Food hygiene', level: 'COMPETENT' }],
    },
    statement: 'Reliable.',
    refereeName: 'O. Thompson',
    refereeJobTitle: 'Supervisor',
    showHospitalName: false,
    approvedOn: '2026-02-01',
    withdrawnOn: null,
  };

  it('names the enterprise by its reference name and hides the hospital unless the patient chose it', () => {
    expect(publicView(content)).toMatchObject({ enterpriseName: 'Riverside Community Café', hospitalName: null, statement: 'Reliable.' });
    expect(JSON.stringify(publicView(content))).not.toContain('Secure');
    expect(publicView({ ...content, showHospitalName: true })?.hospitalName).toBe('Riverside Secure Unit');
  });

  it('shows nothing of a withdrawn reference but that it was withdrawn, and nothing of a draft', () => {
    const v = publicView({ ...content, status: 'WITHDRAWN', withdrawnOn: '2026-03-01' })!;
    expect(v).toMatchObject({ status: 'WITHDRAWN', withdrawnOn: '2026-03-01', statement: '', roleTitle: '', enterpriseName: '', verifiedSkills: [], hospitalName: null });
    expect(JSON.stringify(v)).not.toMatch(/Barista|Riverside|Reliable|Thompson/);
    expect(publicView({ ...content, status: 'DRAFT' })).toBeNull();
  });

  it('keeps skill codes out (names and levels only)', () => {
    expect(publicView(content)!.verifiedSkills).toEqual([{ name: 'Food hygiene', level: 'COMPETENT' }]);
  });
});

describe('text', () => {
  it.each([
    [610, '10 hours 10 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [0, '0 hours'],
  ])('%p minutes is %p', (m, expected) => expect(hoursText(m)).toBe(expected));

  it('labels levels in words with their number', () => {
    expect(levelLabel('COMPETENT')).toBe('Competent (level 3 of 4)');
  });
});
