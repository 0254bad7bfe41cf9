import { createHash } from 'node:crypto';
import { achievementUrn, buildOpenBadgeCredential, credentialEligibility, disclosesSetting, identityHash, jwtClaims, normaliseName, type BadgeInput } from './open-badge';

const input = (overrides: Partial<BadgeInput> = {}): BadgeInput => ({
  credentialId: '0b5c3c39-5d1c-4a8e-9a0e-2f7d1c2b3a40',
  issuedAt: new Date('2026-11-20T10:15:30.789Z'),
  issuer: { id: 'https://wardworks.example/api/issuers/default', name: 'Riverside Café' },
  recipientName: 'Jamie  Reed ',
  salt: 'a1b2c3',
  skill: {
    id: '7f000000-0000-4000-8000-000000000001',
    name: 'Barista',
    description: 'Makes espresso drinks to a consistent standard.',
    levelDescriptors: { INTRODUCED: 'Has watched', DEVELOPING: 'Makes with help', COMPETENT: 'Makes the menu unaided at a steady pace', PROFICIENT: 'Teaches others' },
  },
  level: 'COMPETENT',
  evidence: { text: 'Made 40 flat whites in the morning rush, all to standard.', occurredOn: '2026-11-18' },
  settingNames: ['Thornfield Secure Unit', 'Alder', 'Birch'],
  statusUrl: 'https://wardworks.example/api/credentials/0b5c3c39-5d1c-4a8e-9a0e-2f7d1c2b3a40/status',
  ...overrides,
});

describe('credentialEligibility', () => {
  it.each([
    [{ status: 'PENDING', levelRank: 4 }, 'NOT_VERIFIED'],
    [{ status: 'REJECTED', levelRank: 3 }, 'NOT_VERIFIED'],
    [{ status: 'VERIFIED', levelRank: 1 }, 'LEVEL_TOO_LOW'],
    [{ status: 'VERIFIED', levelRank: 2 }, 'LEVEL_TOO_LOW'],
    [{ status: 'VERIFIED', levelRank: 3 }, null],
    [{ status: 'VERIFIED', levelRank: 4 }, null],
  ])('%j -> %s', (log, code) => {
    expect(credentialEligibility(log)?.code ?? null).toBe(code);
  });
});

describe('identity hash', () => {
  it('is "sha256$" + hex sha256 of the normalised name followed by the salt', () => {
    expect(normaliseName('  Jamie   REED ')).toBe('jamie reed');
    expect(identityHash('jamie reed', 'salt1')).toBe('sha256$' + createHash('sha256').update('jamie reedsalt1').digest('hex'));
  });
});

describe('disclosesSetting', () => {
  it.each([
    ['Served 30 customers at lunch', false],
    ['Worked the till on Alder ward', true],
    ['Helped at the Thornfield Secure Unit fete', true],
    ['Kept the hospital shop tidy', true],
    ['Was very patient with a slow card reader', true],
    ['Pruned the alders by the gate', false],
  ])('%s -> %s', (text, expected) => {
    expect(disclosesSetting(text, ['Thornfield Secure Unit', 'Alder'])).toBe(expected);
  });
});

describe('buildOpenBadgeCredential', () => {
  it('builds an OB 3.0 OpenBadgeCredential with an AchievementSubject identified by a salted hash', () => {
    const c = buildOpenBadgeCredential(input());
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.id).toBe('urn:uuid:0b5c3c39-5d1c-4a8e-9a0e-2f7d1c2b3a40');
    expect(c.issuer).toEqual({ id: 'https://wardworks.example/api/issuers/default', type: ['Profile'], name: 'Riverside Café' });
    expect(c.validFrom).toBe('2026-11-20T10:15:30Z');
    expect(c.validUntil).toBeUndefined();
    expect(c.name).toBe('Barista — Competent');
    expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(c.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityHash: identityHash('jamie reed', 'a1b2c3'), identityType: 'name', hashed: true, salt: 'a1b2c3' },
    ]);
    const a = c.credentialSubject.achievement;
    expect(a).toMatchObject({ id: achievementUrn(input().skill.id, 'COMPETENT'), type: ['Achievement'], name: 'Barista — Competent', description: 'Makes the menu unaided at a steady pace' });
    expect(a.criteria.narrative).toContain('Makes the menu unaided');
    expect(c.evidence).toEqual([{ type: ['Evidence'], name: 'Shown on 18 November 2026', narrative: 'Made 40 flat whites in the morning rush, all to standard.' }]);
    expect(c.credentialStatus).toEqual({ id: input().statusUrl, type: 'WardWorksCredentialStatus' });
    expect(JSON.stringify(c).toLowerCase()).not.toContain('jamie');
  });

  it('replaces evidence that would reveal the setting with a neutral sentence, never rewording it', () => {
    const c = buildOpenBadgeCredential(input({ evidence: { text: 'Served staff on Birch ward with Jamie', occurredOn: '2026-11-18' } }));
    expect(c.evidence[0].narrative).toBe('Observed at work on 18 November 2026 and verified by a supervisor.');
    expect(JSON.stringify(c)).not.toMatch(/Birch|\bward\b/i);
  });

  it('gives the same achievement id for the same skill and level, another for another level', () => {
    expect(achievementUrn('s1', 'COMPETENT')).toBe(achievementUrn('s1', 'COMPETENT'));
    expect(achievementUrn('s1', 'COMPETENT')).not.toBe(achievementUrn('s1', 'PROFICIENT'));
    expect(achievementUrn('s1', 'COMPETENT')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('maps the credential to the OB 3.0 JWT claims: iss = issuer.id, jti = id, nbf = validFrom, exp = validUntil', () => {
    const c = buildOpenBadgeCredential(input({ validUntil: new Date('2030-01-01T00:00:00Z') }));
    expect(jwtClaims(c)).toEqual({ iss: c.issuer.id, jti: c.id, nbf: Date.parse('2026-11-20T10:15:30Z') / 1000, exp: Date.parse('2030-01-01T00:00:00Z') / 1000 });
  });
});
