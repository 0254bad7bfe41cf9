import { createHash } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Credential } from '../src/credentials/credential.entity';
import { credentialsWorld, tamper, verifyWithPublishedKeys } from './credentials-world';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe('credentials: Open Badges 3.0 VC-JWTs for verified skills', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof credentialsWorld>>;

  beforeAll(async () => {
    t = await createTestApp({ WARDWORKS_PUBLIC_URL: 'https://wardworks.example.org' });
    w = await credentialsWorld(t);
  });
  afterAll(() => t.close());

  const issue = (auth: { Authorization: string }, skillLogId: string) => t.http().post('/api/credentials').set(auth).send({ skillLogId });

  describe('signature', () => {
    it('an issued credential verifies with jose against the JWKS published at /.well-known/jwks.json', async () => {
      const log = await w.log();
      const res = await issue(w.ot.auth, log.id).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['credential', 'id', 'jwt']);
      const { payload, protectedHeader } = await verifyWithPublishedKeys(t, res.body.jwt);
      expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'JWT' });
      // OB 3.0 §8.2: the payload is the credential plus iss, jti, nbf.
      const { iss, jti, nbf, ...credential } = payload;
      expect(credential).toEqual(res.body.credential);
      expect(iss).toBe(res.body.credential.issuer.id);
      expect(jti).toBe(`urn:uuid:${res.body.id}`);
      expect(nbf).toBe(Date.parse(res.body.credential.validFrom) / 1000);
    });

    it.each([
      ['the header', 0],
      ['the payload', 1],
      ['the signature', 2],
    ] as const)('fails to verify after one character of %s changes', async (_what, part) => {
      const log = await w.log();
      const { jwt } = (await issue(w.ot.auth, log.id).expect(201)).body;
      await expect(verifyWithPublishedKeys(t, jwt)).resolves.toBeDefined();
      await expect(verifyWithPublishedKeys(t, tamper(jwt, part))).rejects.toThrow();
    });

    it('publishes public keys only, with kid, alg EdDSA and use sig, cacheable and open to any origin', async () => {
      const res = await t.http().get('/.well-known/jwks.json').expect(200);
      expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.body.keys.length).toBeGreaterThanOrEqual(1);
      for (const k of res.body.keys) {
        expect(k).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' });
        expect(k).not.toHaveProperty('d');
      }
    });
  });

  describe('shape', () => {
    it('is an OpenBadgeCredential with an AchievementSubject identified by sha256(name + salt), naming no one and no hospital', async () => {
      const log = await w.log({ level: 'PROFICIENT' });
      const { id, credential: c, jwt } = (await issue(w.ot.auth, log.id).expect(201)).body;
      expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
      expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(c.id).toBe(`urn:uuid:${id}`);
      expect(c.issuer).toEqual({ id: `https://wardworks.example.org/api/issuers/${w.enterprise.id}`, type: ['Profile'], name: w.enterprise.referenceName });
      expect(Date.parse(c.validFrom)).toBeGreaterThan(Date.now() - 60_000);
      expect(c.name).toBe('Barista — Proficient');
      expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
      const [identity] = c.credentialSubject.identifier;
      expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'name', hashed: true, salt: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(identity.identityHash).toBe('sha256$' + createHash('sha256').update('jamie reed' + identity.salt).digest('hex'));
      expect(c.credentialSubject.achievement).toMatchObject({
        id: expect.stringMatching(/^urn:uuid:/),
        type: ['Achievement'],
        name: 'Barista — Proficient',
        description: w.skill.levelDescriptors.PROFICIENT,
        criteria: { narrative: expect.stringContaining(w.skill.levelDescriptors.PROFICIENT) },
      });
      expect(c.evidence).toEqual([{ type: ['Evidence'], name: 'Shown on 18 November 2026', narrative: log.evidence }]);
      expect(c.credentialStatus).toEqual({ id: `https://wardworks.example.org/api/credentials/${id}/status`, type: 'WardWorksCredentialStatus' });
      const text = JSON.stringify(c) + Buffer.from(jwt.split('.')[1], 'base64url').toString();
      for (const secret of ['Jamie', 'Reed', w.patient.hospitalNumber, w.site.name, w.ward.name, w.enterprise.name, 'Thornfield']) expect(text).not.toContain(secret);
    });

    it('replaces evidence that names the hospital, a ward or the patient with a neutral sentence', async () => {
      const log = await w.log({ evidence: `Jamie ran the till in ${w.enterprise.name} on ${w.ward.name}` });
      const { credential: c } = (await issue(w.ot.auth, log.id).expect(201)).body;
      expect(c.evidence[0].narrative).toBe('Observed at work on 18 November 2026 and verified by a supervisor.');
    });

    it('without a shift, the issuer is the configured default issuer, whose profile is public', async () => {
      const log = await w.log({ shiftId: null });
      const { credential: c } = (await issue(w.ot.auth, log.id).expect(201)).body;
      expect(c.issuer).toEqual({ id: 'https://wardworks.example.org/api/issuers/default', type: ['Profile'], name: 'WardWorks' });
      const profile = (await t.http().get('/api/issuers/default').expect(200)).body;
      expect(profile).toMatchObject({ id: c.issuer.id, type: ['Profile'], name: 'WardWorks' });
      const enterpriseProfile = (await t.http().get(`/api/issuers/${w.enterprise.id}`).expect(200)).body;
      expect(enterpriseProfile).toMatchObject({ type: ['Profile'], name: w.enterprise.referenceName });
      await t.http().get('/api/issuers/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('eligibility', () => {
    it.each([
      ['a pending entry', { status: 'PENDING' }, 'NOT_VERIFIED'],
      ['a rejected entry', { status: 'REJECTED' }, 'NOT_VERIFIED'],
      ['a verified DEVELOPING entry', { level: 'DEVELOPING' }, 'LEVEL_TOO_LOW'],
      ['a verified INTRODUCED entry', { level: 'INTRODUCED' }, 'LEVEL_TOO_LOW'],
    ] as const)('refuses %s with 422 CREDENTIAL_NOT_ELIGIBLE and writes nothing', async (_what, opts, detail) => {
      const log = await w.log(opts);
      const res = await issue(w.ot.auth, log.id).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'CREDENTIAL_NOT_ELIGIBLE', details: [{ code: detail, field: 'skillLogId' }] });
      expect(await t.uow.read((em) => em.count(Credential, { where: { skillLogId: log.id } }))).toBe(0);
    });

    it('answers 422 for a malformed skillLogId or an unknown field, and 404 for an unknown entry', async () => {
      expect((await issue(w.ot.auth, 'nope').expect(422)).body.code).toBe('VALIDATION_FAILED');
      await t.http().post('/api/credentials').set(w.ot.auth).send({ skillLogId: '00000000-0000-4000-8000-000000000000', extra: 1 }).expect(422);
      await issue(w.ot.auth, '00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('one active credential per skill log entry', () => {
    it('refuses a second with 409 CREDENTIAL_EXISTS naming the active one; after revocation a new one can be issued', async () => {
      const log = await w.log();
      const first = (await issue(w.ot.auth, log.id).expect(201)).body;
      const again = await issue(w.specialist.auth, log.id).expect(409);
      expect(again.body).toMatchObject({ code: 'CREDENTIAL_EXISTS', details: [{ credentialId: first.id }] });
      await t.http().post(`/api/credentials/${first.id}/revoke`).set(w.ot.auth).send({ reason: 'Issued for the wrong entry' }).expect(200);
      const second = (await issue(w.ot.auth, log.id).expect(201)).body;
      expect(second.id).not.toBe(first.id);
    });

    it('concurrent requests for one entry make exactly one credential', async () => {
      const log = await w.log();
      const results = await Promise.all(Array.from({ length: 6 }, () => issue(w.ot.auth, log.id)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await t.uow.read((em) => em.count(Credential, { where: { skillLogId: log.id } }))).toBe(1);
    });
  });

  describe('revocation and status', () => {
    it('the public status answers ACTIVE, then REVOKED with the time, and nothing else', async () => {
      const log = await w.log();
      const { id } = (await issue(w.ot.auth, log.id).expect(201)).body;
      expect((await t.http().get(`/api/credentials/${id}/status`).expect(200)).body).toEqual({ id, status: 'ACTIVE' });
      const revoked = (await t.http().post(`/api/credentials/${id}/revoke`).set(w.lead.auth).send({ reason: 'Skill entry was recorded for the wrong day' }).expect(200)).body;
      expect(revoked).toMatchObject({ id, status: 'REVOKED', revokedReason: 'Skill entry was recorded for the wrong day' });
      const status = (await t.http().get(`/api/credentials/${id}/status`).expect(200)).body;
      expect(status).toEqual({ id, status: 'REVOKED', revokedAt: expect.any(String) });
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.ot.auth).send({ reason: 'again' }).expect(409);
      await t.http().get('/api/credentials/00000000-0000-4000-8000-000000000000/status').expect(404);
      await t.http().get('/api/credentials/not-an-id/status').expect(404);
    });

    it('refuses revocation without a reason, by a patient (403) or by staff outside scope (404)', async () => {
      const log = await w.log();
      const { id } = (await issue(w.ot.auth, log.id).expect(201)).body;
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.ot.auth).send({ reason: '' }).expect(422);
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.patientCaller.auth).send({ reason: 'mine' }).expect(403);
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.specialist.auth).send({ reason: 'x' }).expect(403);
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.otElsewhere.auth).send({ reason: 'x' }).expect(404);
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.otherLead.auth).send({ reason: 'x' }).expect(404);
      expect((await t.http().get(`/api/credentials/${id}/status`).expect(200)).body.status).toBe('ACTIVE');
    });
  });

  describe('scope', () => {
    it('a patient may get a credential for their own verified entry, never for another patient’s (404)', async () => {
      const own = await w.log();
      const res = await issue(w.patientCaller.auth, own.id).expect(201);
      const theirs = await w.log({ patientId: w.otherPatient.id });
      await issue(w.patientCaller.auth, theirs.id).expect(404);
      expect((await t.http().get(`/api/credentials/${res.body.id}`).set(w.otherPatientCaller.auth).expect(404)).body.code).toBe('NOT_FOUND');
    });

    it('a patient lists and downloads only their own credentials', async () => {
      const mine = (await issue(w.ot.auth, (await w.log()).id).expect(201)).body;
      const theirs = (await issue(w.otElsewhere.auth, (await w.log({ patientId: w.otherPatient.id })).id).expect(201)).body;
      const list = (await t.http().get('/api/credentials').set(w.patientCaller.auth).expect(200)).body;
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((c: { patientId: string }) => c.patientId === w.patient.id)).toBe(true);
      await t.http().get(`/api/credentials?patientId=${w.otherPatient.id}`).set(w.patientCaller.auth).expect(404);
      await t.http().get(`/api/credentials/${theirs.id}/jwt`).set(w.patientCaller.auth).expect(404);
      await t.http().get(`/api/credentials/${theirs.id}/json`).set(w.patientCaller.auth).expect(404);
      const jwt = await t.http().get(`/api/credentials/${mine.id}/jwt`).set(w.patientCaller.auth).expect(200);
      expect(jwt.headers['content-type']).toMatch(/^application\/jwt/);
      expect(jwt.headers['content-disposition']).toBe(`attachment; filename="credential-${mine.id}.jwt"`);
      expect(jwt.text).toBe(mine.jwt);
      const json = await t.http().get(`/api/credentials/${mine.id}/json`).set(w.patientCaller.auth).expect(200);
      expect(json.headers['content-disposition']).toBe(`attachment; filename="credential-${mine.id}.json"`);
      expect(JSON.parse(json.text)).toEqual(mine.credential);
    });

    it('staff see credentials of patients in their scope only; an enterprise lead of the patient’s enterprise issues', async () => {
      const log = await w.log();
      const { id } = (await issue(w.lead.auth, log.id).expect(201)).body;
      await t.http().get(`/api/credentials/${id}`).set(w.ot.auth).expect(200);
      await t.http().get(`/api/credentials/${id}`).set(w.admin.auth).expect(200);
      await t.http().get(`/api/credentials/${id}`).set(w.otElsewhere.auth).expect(404);
      await t.http().get(`/api/credentials/${id}`).set(w.otherLead.auth).expect(404);
      await issue(w.otherLead.auth, (await w.log()).id).expect(404);
      await issue(w.otElsewhere.auth, (await w.log()).id).expect(404);
      const list = (await t.http().get('/api/credentials').set(w.otElsewhere.auth).expect(200)).body;
      expect(list.items.some((c: { patientId: string }) => c.patientId === w.patient.id)).toBe(false);
    });

    it('commissioners and ward staff get 403 on every credential route but the public ones; admins cannot issue', async () => {
      const log = await w.log();
      const { id } = (await issue(w.ot.auth, log.id).expect(201)).body;
      for (const who of [w.commissioner, w.wardStaff]) {
        await issue(who.auth, log.id).expect(403);
        await t.http().get('/api/credentials').set(who.auth).expect(403);
        await t.http().get(`/api/credentials/${id}`).set(who.auth).expect(403);
        await t.http().get(`/api/credentials/${id}/jwt`).set(who.auth).expect(403);
        await t.http().post(`/api/credentials/${id}/revoke`).set(who.auth).send({ reason: 'x' }).expect(403);
        await t.http().get(`/api/credentials/${id}/status`).set(who.auth).expect(200);
      }
      await issue(w.admin.auth, (await w.log()).id).expect(403);
      await t.http().get('/api/credentials').expect(401);
    });

    it('audits issue, reads, downloads and revocation against the patient', async () => {
      const log = await w.log();
      const { id } = (await issue(w.ot.auth, log.id).expect(201)).body;
      await t.http().get(`/api/credentials/${id}`).set(w.ot.auth).expect(200);
      await t.http().get(`/api/credentials/${id}/jwt`).set(w.patientCaller.auth).expect(200);
      await t.http().post(`/api/credentials/${id}/revoke`).set(w.ot.auth).send({ reason: 'test' }).expect(200);
      const events = await t.uow.read((em) => em.find(AuditEvent, { where: { entityId: id } }));
      expect(new Set(events.map((e) => e.action))).toEqual(new Set(['credential.issue', 'credential.read', 'credential.download', 'credential.revoke']));
      expect(events.every((e) => e.patientId === w.patient.id)).toBe(true);
    });
  });

  it('the JWT header names the key that signed it, as stored', async () => {
    const log = await w.log();
    const { id, jwt } = (await issue(w.ot.auth, log.id).expect(201)).body;
    const row = await t.uow.read((em) => em.findOneByOrFail(Credential, { id }));
    expect(decodeProtectedHeader(jwt).kid).toBe(row.keyId);
  });
});
