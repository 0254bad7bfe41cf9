import { AuditEvent } from '../src/audit/audit-event.entity';
import { newId } from '../src/database/columns';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Placement } from '../src/recruitment/placement.entity';
import type { User } from '../src/users/user.entity';
import { Site } from '../src/wards/site.entity';
import type { Ward } from '../src/wards/ward.entity';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const ENTERPRISE_KEYS = ['id', 'name', 'kind', 'businessNeed', 'siteId', 'wardId', 'locationZone', 'minimumLeave', 'referenceName', 'openingTimes', 'status', 'leadUserIds', 'createdAt', 'updatedAt'].sort();
const ROLE_KEYS = ['id', 'enterpriseId', 'title', 'duties', 'hourlyRatePence', 'activities', 'prerequisiteSkills', 'positions', 'patientsPerSupervisor', 'active', 'activePlacements'].sort();
const UUID = expect.stringMatching(/^[0-9a-f-]{36}$/);

describe('enterprises and work roles', () => {
  let t: TestApp;
  let site: Site;
  let ward: Ward;
  let otherSiteWard: Ward;
  let admin: { user: User; auth: Auth };
  let lead: { user: User; auth: Auth };
  let otherLead: { user: User; auth: Auth };
  let ot: { user: User; auth: Auth };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    site = await t.make.site();
    ward = await t.make.ward({ siteId: site.id });
    otherSiteWard = await t.make.ward();
    admin = await t.make.caller('ADMIN');
    lead = await t.make.caller('ENTERPRISE_LEAD');
    otherLead = await t.make.caller('ENTERPRISE_LEAD');
    ot = await t.make.caller('OT', { wardIds: [ward.id] });
  });
  afterAll(() => t.close());

  const api = () => t.http();

  function enterpriseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    seq++;
    return {
      name: `Test café ${seq}`,
      kind: 'CAFE',
      businessNeed: 'Drinks for visitors',
      siteId: site.id,
      locationZone: 'GROUNDS',
      referenceName: `Community Café ${seq}`,
      ...overrides,
    };
  }

  async function createEnterprise(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const res = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody(overrides)).expect(201);
    return res.body;
  }

  function roleBody(enterpriseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      enterpriseId,
      title: 'Barista',
      duties: 'Makes drinks and serves customers',
      hourlyRatePence: 1144,
      activities: ['FOOD_PREPARATION', 'CASH', 'PUBLIC_CONTACT'],
      prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }],
      positions: 3,
      patientsPerSupervisor: 4,
      ...overrides,
    };
  }

  async function createRole(enterpriseId: string, overrides: Record<string, unknown> = {}, auth: Auth = admin.auth): Promise<Record<string, any>> {
    const res = await api().post('/api/work-roles').set(auth).send(roleBody(enterpriseId, overrides)).expect(201);
    return res.body;
  }

  async function placeActive(workRoleId: string, status: 'ACTIVE' | 'ENDED' = 'ACTIVE'): Promise<void> {
    const patient = await t.make.patient({ wardId: ward.id });
    const id = newId();
    const now = new Date();
    await t.uow.run((em) =>
      em.insert(Placement, {
        id,
        patientId: patient.id,
        workRoleId,
        applicationId: null,
        startOn: '2026-01-05',
        endOn: status === 'ENDED' ? '2026-02-01' : null,
        status,
        activeKey: status === 'ACTIVE' ? 'A' : id,
        endReason: status === 'ENDED' ? 'RESIGNED' : null,
        endNote: null,
        createdByUserId: admin.user.id,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  function auditEvents(action: string, entityId: string): Promise<AuditEvent[]> {
    return t.uow.read((em) => em.find(AuditEvent, { where: { action, entityId } }));
  }

  describe('enterprises API', () => {
    it('lets an admin create an enterprise, with minimum leave defaulting to the zone minimum, and audits it', async () => {
      const res = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ openingTimes: 'Mon-Fri 10-3', leadUserIds: [lead.user.id] })).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(ENTERPRISE_KEYS);
      expect(res.body).toMatchObject({
        id: UUID,
        kind: 'CAFE',
        siteId: site.id,
        wardId: null,
        locationZone: 'GROUNDS',
        minimumLeave: 'ESCORTED_GROUNDS',
        openingTimes: 'Mon-Fri 10-3',
        status: 'ACTIVE',
        leadUserIds: [lead.user.id],
      });
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      const events = await auditEvents('enterprise.create', res.body.id);
      expect(events).toHaveLength(1);
      expect(events[0].userId).toBe(admin.user.id);
      const fetched = await api().get(`/api/enterprises/${res.body.id}`).set(ot.auth).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it.each([
      ['WARD', 'NONE'],
      ['COMMUNITY', 'ESCORTED_COMMUNITY'],
    ])('defaults the minimum leave of a %s enterprise to %s', async (locationZone, minimumLeave) => {
      const e = await createEnterprise({ locationZone, ...(locationZone === 'WARD' ? { wardId: ward.id } : {}) });
      expect(e).toMatchObject({ locationZone, minimumLeave, wardId: locationZone === 'WARD' ? ward.id : null });
    });

    it('accepts a minimum leave higher than the zone needs', async () => {
      const e = await createEnterprise({ locationZone: 'GROUNDS', minimumLeave: 'UNESCORTED_GROUNDS' });
      expect(e.minimumLeave).toBe('UNESCORTED_GROUNDS');
    });

    it('refuses a minimum leave lower than the zone minimum: 422 MINIMUM_LEAVE_BELOW_ZONE', async () => {
      const res = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ locationZone: 'COMMUNITY', minimumLeave: 'UNESCORTED_GROUNDS' })).expect(422);
      expect(res.body.code).toBe('MINIMUM_LEAVE_BELOW_ZONE');
      expect(res.body.details[0]).toMatchObject({ field: 'minimumLeave', zoneMinimum: 'ESCORTED_COMMUNITY' });
    });

    it('refuses to lower the minimum leave below the zone on PATCH, and raises it when the zone needs more', async () => {
      const e = await createEnterprise({ locationZone: 'GROUNDS' });
      const low = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ minimumLeave: 'NONE' }).expect(422);
      expect(low.body.code).toBe('MINIMUM_LEAVE_BELOW_ZONE');
      const moved = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ locationZone: 'COMMUNITY' }).expect(200);
      expect(moved.body).toMatchObject({ locationZone: 'COMMUNITY', minimumLeave: 'ESCORTED_COMMUNITY' });
      const back = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ locationZone: 'GROUNDS' }).expect(200);
      expect(back.body.minimumLeave).toBe('ESCORTED_COMMUNITY'); // never lowered silently
      const reset = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ minimumLeave: null }).expect(200);
      expect(reset.body.minimumLeave).toBe('ESCORTED_GROUNDS');
    });

    it('requires a reference name (missing or blank: 422)', async () => {
      const body = enterpriseBody();
      delete body.referenceName;
      const missing = await api().post('/api/enterprises').set(admin.auth).send(body).expect(422);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('referenceName');
      const blank = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ referenceName: '   ' })).expect(422);
      expect(blank.body.details.map((d: { field: string }) => d.field)).toContain('referenceName');
      const e = await createEnterprise();
      const cleared = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ referenceName: '' }).expect(422);
      expect(cleared.body.details[0].field).toBe('referenceName');
      const nulled = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ referenceName: null }).expect(422);
      expect(nulled.body.details[0].field).toBe('referenceName');
    });

    it('refuses unknown fields, kinds, zones and statuses: 422', async () => {
      const unknown = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ surplusPence: 5 })).expect(422);
      expect(unknown.body.code).toBe('VALIDATION_FAILED');
      expect(unknown.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'surplusPence' })]));
      for (const bad of [{ kind: 'PUB' }, { locationZone: 'MOON' }, { status: 'OPEN' }, { minimumLeave: 'ANY' }]) {
        const res = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody(bad)).expect(422);
        expect(res.body.details[0].field).toBe(Object.keys(bad)[0]);
      }
    });

    it('refuses a duplicate name whatever its case: 409 ENTERPRISE_NAME_TAKEN', async () => {
      const e = await createEnterprise();
      const res = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ name: e.name.toUpperCase() })).expect(409);
      expect(res.body.code).toBe('ENTERPRISE_NAME_TAKEN');
      const other = await createEnterprise();
      const renamed = await api().patch(`/api/enterprises/${other.id}`).set(admin.auth).send({ name: e.name }).expect(409);
      expect(renamed.body.code).toBe('ENTERPRISE_NAME_TAKEN');
    });

    it('refuses a ward on another site, and an unknown site: 422', async () => {
      const wrongWard = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ wardId: otherSiteWard.id })).expect(422);
      expect(wrongWard.body.details[0].field).toBe('wardId');
      const noSite = await api().post('/api/enterprises').set(admin.auth).send(enterpriseBody({ siteId: newId() })).expect(422);
      expect(noSite.body.details[0].field).toBe('siteId');
    });

    it('lets only admins create enterprises: OT and enterprise lead get 403', async () => {
      await api().post('/api/enterprises').set(ot.auth).send(enterpriseBody()).expect(403);
      await api().post('/api/enterprises').set(lead.auth).send(enterpriseBody()).expect(403);
      const total = (await api().get('/api/enterprises').set(admin.auth).expect(200)).body.total;
      await api().post('/api/enterprises').send(enterpriseBody()).expect(401);
      expect((await api().get('/api/enterprises').set(admin.auth).expect(200)).body.total).toBe(total);
    });

    it('assigns leads (admin only; users with the ENTERPRISE_LEAD role only) and audits the change', async () => {
      const e = await createEnterprise();
      const notALead = await api().put(`/api/enterprises/${e.id}/leads`).set(admin.auth).send({ userIds: [ot.user.id] }).expect(422);
      expect(notALead.body.code).toBe('LEAD_ROLE_REQUIRED');
      expect(notALead.body.details[0].userIds).toEqual([ot.user.id]);
      await api().put(`/api/enterprises/${e.id}/leads`).set(admin.auth).send({ userIds: [newId()] }).expect(422);
      await api().put(`/api/enterprises/${e.id}/leads`).set(lead.auth).send({ userIds: [lead.user.id] }).expect(403);

      const res = await api().put(`/api/enterprises/${e.id}/leads`).set(admin.auth).send({ userIds: [lead.user.id, otherLead.user.id, lead.user.id] }).expect(200);
      expect(res.body.leadUserIds).toEqual([lead.user.id, otherLead.user.id].sort());
      const narrowed = await api().put(`/api/enterprises/${e.id}/leads`).set(admin.auth).send({ userIds: [otherLead.user.id] }).expect(200);
      expect(narrowed.body.leadUserIds).toEqual([otherLead.user.id]);
      const events = await auditEvents('enterprise.leads', e.id);
      expect(events).toHaveLength(2);
      expect(JSON.parse(events.find((ev) => JSON.parse(ev.detail!).removed.length)!.detail!)).toEqual({ added: [], removed: [lead.user.id] });
    });

    it('lets a lead edit their own enterprise, and audits the change', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const res = await api().patch(`/api/enterprises/${e.id}`).set(lead.auth).send({ openingTimes: 'Weekdays 9-5', status: 'PAUSED', businessNeed: 'Lunches for staff' }).expect(200);
      expect(res.body).toMatchObject({ openingTimes: 'Weekdays 9-5', status: 'PAUSED', businessNeed: 'Lunches for staff', leadUserIds: [lead.user.id] });
      expect(res.body.updatedAt >= e.updatedAt).toBe(true);
      const events = await auditEvents('enterprise.update', e.id);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].detail!).fields.sort()).toEqual(['businessNeed', 'openingTimes', 'status']);
      expect(events[0].userId).toBe(lead.user.id);
    });

    it('refuses a lead editing another lead’s enterprise: 403, and nothing changes', async () => {
      const e = await createEnterprise({ leadUserIds: [otherLead.user.id] });
      const res = await api().patch(`/api/enterprises/${e.id}`).set(lead.auth).send({ status: 'CLOSED' }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await api().patch(`/api/enterprises/${e.id}`).set(ot.auth).send({ status: 'CLOSED' }).expect(403);
      expect((await api().get(`/api/enterprises/${e.id}`).set(admin.auth).expect(200)).body.status).toBe('ACTIVE');
    });

    it('does not let a PATCH change leads or site (unknown fields: 422)', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const leads = await api().patch(`/api/enterprises/${e.id}`).set(lead.auth).send({ leadUserIds: [lead.user.id, otherLead.user.id] }).expect(422);
      expect(leads.body.details[0].field).toBe('leadUserIds');
      const siteChange = await api().patch(`/api/enterprises/${e.id}`).set(admin.auth).send({ siteId: site.id }).expect(422);
      expect(siteChange.body.details[0].field).toBe('siteId');
    });

    it('answers 404 for a missing or malformed enterprise id', async () => {
      await api().get(`/api/enterprises/${newId()}`).set(admin.auth).expect(404);
      await api().get('/api/enterprises/not-an-id').set(admin.auth).expect(404);
      await api().patch(`/api/enterprises/${newId()}`).set(admin.auth).send({ status: 'PAUSED' }).expect(404);
      await api().patch(`/api/enterprises/${newId()}`).set(lead.auth).send({ status: 'PAUSED' }).expect(404);
      await api().put('/api/enterprises/123/leads').set(admin.auth).send({ userIds: [] }).expect(404);
    });

    it('lists enterprises with paging, status filter and ?mine=true', async () => {
      const mine = await createEnterprise({ leadUserIds: [lead.user.id], status: 'PAUSED' });
      const all = await api().get('/api/enterprises').set(ot.auth).expect(200);
      expect(Object.keys(all.body).sort()).toEqual(['items', 'limit', 'offset', 'total']);
      expect(all.body).toMatchObject({ limit: 50, offset: 0 });
      expect(all.body.items).toHaveLength(all.body.total);
      for (const item of all.body.items) expect(Object.keys(item).sort()).toEqual(ENTERPRISE_KEYS);
      const names = all.body.items.map((e: { name: string }) => e.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

      const page2 = await api().get('/api/enterprises?limit=2&offset=2').set(ot.auth).expect(200);
      expect(page2.body).toMatchObject({ total: all.body.total, limit: 2, offset: 2 });
      expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual(all.body.items.slice(2, 4).map((e: { id: string }) => e.id));

      const paused = await api().get('/api/enterprises?status=PAUSED').set(ot.auth).expect(200);
      expect(paused.body.items.length).toBeGreaterThan(0);
      expect(paused.body.items.every((e: { status: string }) => e.status === 'PAUSED')).toBe(true);

      const leads = await api().get('/api/enterprises?mine=true').set(lead.auth).expect(200);
      expect(leads.body.items.map((e: { id: string }) => e.id)).toContain(mine.id);
      expect(leads.body.items.every((e: { leadUserIds: string[] }) => e.leadUserIds.includes(lead.user.id))).toBe(true);
      expect(leads.body.total).toBeLessThan(all.body.total);

      await api().get('/api/enterprises?status=OPEN').set(ot.auth).expect(422);
      await api().get('/api/enterprises?mine=yes').set(ot.auth).expect(422);
      await api().get('/api/enterprises?limit=0').set(ot.auth).expect(422);
    });

    it('lets every staff role and commissioners read enterprises, but not patients', async () => {
      const e = await createEnterprise();
      for (const role of ['WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'COMMISSIONER', 'ENTERPRISE_LEAD'] as const) {
        const { auth } = await t.make.caller(role);
        await api().get('/api/enterprises').set(auth).expect(200);
        await api().get(`/api/enterprises/${e.id}`).set(auth).expect(200);
      }
      const patient = await t.make.caller('PATIENT');
      await api().get('/api/enterprises').set(patient.auth).expect(403);
      await api().get(`/api/enterprises/${e.id}`).set(patient.auth).expect(403);
      await api().get('/api/work-roles').set(patient.auth).expect(403);
    });
  });

  describe('work roles API', () => {
    it('lets a lead add a role to their own enterprise, with the documented shape, and audits it', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const role = await createRole(e.id, {}, lead.auth);
      expect(Object.keys(role).sort()).toEqual(ROLE_KEYS);
      expect(role).toEqual({
        id: UUID,
        enterpriseId: e.id,
        title: 'Barista',
        duties: 'Makes drinks and serves customers',
        hourlyRatePence: 1144,
        activities: ['FOOD_PREPARATION', 'CASH', 'PUBLIC_CONTACT'],
        prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }],
        positions: 3,
        patientsPerSupervisor: 4,
        active: true,
        activePlacements: 0,
      });
      expect((await api().get(`/api/work-roles/${role.id}`).set(ot.auth).expect(200)).body).toEqual(role);
      const events = await auditEvents('work-role.create', role.id);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].detail!)).toMatchObject({ enterpriseId: e.id, hourlyRatePence: 1144 });
    });

    it('refuses a role in another lead’s enterprise (403) and roles from an OT (403)', async () => {
      const e = await createEnterprise({ leadUserIds: [otherLead.user.id] });
      await api().post('/api/work-roles').set(lead.auth).send(roleBody(e.id)).expect(403);
      await api().post('/api/work-roles').set(ot.auth).send(roleBody(e.id)).expect(403);
      const role = await createRole(e.id, {}, otherLead.auth);
      await api().patch(`/api/work-roles/${role.id}`).set(lead.auth).send({ title: 'Head barista' }).expect(403);
      await api().patch(`/api/work-roles/${role.id}`).set(ot.auth).send({ title: 'Head barista' }).expect(403);
      expect((await api().get(`/api/work-roles/${role.id}`).set(admin.auth).expect(200)).body.title).toBe('Barista');
      const list = await api().get(`/api/work-roles?enterpriseId=${e.id}`).set(admin.auth).expect(200);
      expect(list.body.total).toBe(1);
    });

    it('accepts ids written in upper case and stores them in lower case', async () => {
      const e = await createEnterprise({ siteId: site.id.toUpperCase(), wardId: ward.id.toUpperCase(), leadUserIds: [lead.user.id.toUpperCase()] });
      expect(e).toMatchObject({ siteId: site.id, wardId: ward.id, leadUserIds: [lead.user.id] });
      const role = await createRole(e.id.toUpperCase(), {}, lead.auth);
      expect(role.enterpriseId).toBe(e.id);
      const list = await api().get(`/api/work-roles?enterpriseId=${e.id.toUpperCase()}`).set(ot.auth).expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([role.id]);
    });

    it('answers 404 for a role in a missing enterprise, and for missing or malformed role ids', async () => {
      await api().post('/api/work-roles').set(admin.auth).send(roleBody(newId())).expect(404);
      await api().get(`/api/work-roles/${newId()}`).set(admin.auth).expect(404);
      await api().get('/api/work-roles/abc').set(admin.auth).expect(404);
      await api().patch(`/api/work-roles/${newId()}`).set(lead.auth).send({ positions: 2 }).expect(404);
    });

    it.each([
      ['zero', 0],
      ['negative', -100],
      ['fractional', 11.44],
      ['a string', '1144'],
      ['null', null],
      ['huge', 100_001],
    ])('refuses a %s hourly rate: 422', async (_label, hourlyRatePence) => {
      const e = await createEnterprise();
      const res = await api().post('/api/work-roles').set(admin.auth).send(roleBody(e.id, { hourlyRatePence })).expect(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['hourlyRatePence']));
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown activity', { activities: ['JUGGLING'] }, 'activities'],
      ['a repeated activity', { activities: ['CASH', 'CASH'] }, 'activities'],
      ['a skill code that is not a slug', { prerequisiteSkills: [{ skillCode: 'Food Hygiene', level: 'COMPETENT' }] }, 'prerequisiteSkills.0.skillCode'],
      ['an unknown skill level', { prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'EXPERT' }] }, 'prerequisiteSkills.0.level'],
      ['a repeated skill', { prerequisiteSkills: [{ skillCode: 'barista', level: 'INTRODUCED' }, { skillCode: 'barista', level: 'COMPETENT' }] }, 'prerequisiteSkills'],
      ['an unknown field in a skill', { prerequisiteSkills: [{ skillCode: 'barista', level: 'INTRODUCED', verified: true }] }, 'prerequisiteSkills.0.verified'],
      ['no positions', { positions: 0 }, 'positions'],
      ['no patients per supervisor', { patientsPerSupervisor: 0 }, 'patientsPerSupervisor'],
      ['an unknown field', { payGrade: 'B' }, 'payGrade'],
      ['a blank title', { title: '  ' }, 'title'],
    ])('refuses %s: 422', async (_label, overrides, field) => {
      const e = await createEnterprise();
      const res = await api().post('/api/work-roles').set(admin.auth).send(roleBody(e.id, overrides)).expect(422);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('refuses nulls and unknown fields on PATCH, and cannot move a role to another enterprise', async () => {
      const e = await createEnterprise();
      const role = await createRole(e.id);
      for (const body of [{ title: null }, { positions: null }, { activities: null }, { enterpriseId: newId() }]) {
        const res = await api().patch(`/api/work-roles/${role.id}`).set(admin.auth).send(body).expect(422);
        expect(res.body.details[0].field).toBe(Object.keys(body)[0]);
      }
    });

    it('refuses to reduce positions below the active placements in the role: 409 POSITIONS_IN_USE', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const role = await createRole(e.id, { positions: 4 }, lead.auth);
      await placeActive(role.id);
      await placeActive(role.id);
      await placeActive(role.id, 'ENDED'); // ended placements do not hold a position
      expect((await api().get(`/api/work-roles/${role.id}`).set(lead.auth).expect(200)).body.activePlacements).toBe(2);

      const res = await api().patch(`/api/work-roles/${role.id}`).set(lead.auth).send({ positions: 1 }).expect(409);
      expect(res.body.code).toBe('POSITIONS_IN_USE');
      expect(res.body.details[0]).toMatchObject({ field: 'positions', activePlacements: 2 });
      expect((await api().get(`/api/work-roles/${role.id}`).set(lead.auth).expect(200)).body.positions).toBe(4);

      const ok = await api().patch(`/api/work-roles/${role.id}`).set(lead.auth).send({ positions: 2 }).expect(200);
      expect(ok.body).toMatchObject({ positions: 2, activePlacements: 2 });
      const events = await auditEvents('work-role.update', role.id);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].detail!)).toMatchObject({ fields: ['positions'], positions: 2 });
    });

    it('never ends with more active placements than positions when a cut and a placement race', async () => {
      const e = await createEnterprise();
      for (let round = 0; round < 5; round++) {
        const role = await createRole(e.id, { title: `Race ${round}`, positions: 3 });
        await placeActive(role.id);
        await placeActive(role.id);
        const patient = await t.make.patient({ wardId: ward.id });
        // What a placement does (recruitment): lock the role, count, insert only while a position is free.
        const place = t.uow.run(async (em) => {
          const locked = await em.findOne(WorkRole, { where: { id: role.id }, lock: t.uow.lockMode() });
          const active = await em.count(Placement, { where: { workRoleId: role.id, status: 'ACTIVE' } });
          if (active >= locked!.positions) return false;
          await new Promise((r) => setTimeout(r, 150)); // holds the lock while the cut arrives
          const id = newId();
          const now = new Date();
          await em.insert(Placement, { id, patientId: patient.id, workRoleId: role.id, applicationId: null, startOn: '2026-01-05', endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: admin.user.id, createdAt: now, updatedAt: now });
          return true;
        });
        const cut = api().patch(`/api/work-roles/${role.id}`).set(admin.auth).send({ positions: 2 });
        const [placed, cutRes] = await Promise.all([place, cut]);
        expect([placed, cutRes.status]).toEqual(placed ? [true, 409] : [false, 200]);
        const after = (await api().get(`/api/work-roles/${role.id}`).set(admin.auth).expect(200)).body;
        expect(after.activePlacements).toBeLessThanOrEqual(after.positions);
      }
    });

    it('lets a lead change a role and deactivate it (never deleted); ?active= filters', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const role = await createRole(e.id, {}, lead.auth);
      const kept = await createRole(e.id, { title: 'Kitchen assistant', activities: ['SHARPS', 'FOOD_PREPARATION'] }, lead.auth);
      const res = await api()
        .patch(`/api/work-roles/${role.id}`)
        .set(lead.auth)
        .send({ hourlyRatePence: 1200, activities: ['CASH'], prerequisiteSkills: [], active: false, patientsPerSupervisor: 6 })
        .expect(200);
      expect(res.body).toMatchObject({ hourlyRatePence: 1200, activities: ['CASH'], prerequisiteSkills: [], active: false, patientsPerSupervisor: 6 });

      const all = await api().get(`/api/work-roles?enterpriseId=${e.id}`).set(ot.auth).expect(200);
      expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      for (const item of all.body.items) expect(Object.keys(item).sort()).toEqual(ROLE_KEYS);
      const active = await api().get(`/api/work-roles?enterpriseId=${e.id}&active=true`).set(ot.auth).expect(200);
      expect(active.body.items.map((r: { id: string }) => r.id)).toEqual([kept.id]);
      const inactive = await api().get(`/api/work-roles?enterpriseId=${e.id}&active=false`).set(ot.auth).expect(200);
      expect(inactive.body.items.map((r: { id: string }) => r.id)).toEqual([role.id]);
      const paged = await api().get(`/api/work-roles?enterpriseId=${e.id}&limit=1&offset=1`).set(ot.auth).expect(200);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(paged.body.items).toHaveLength(1);
    });

    it('answers 404 for an unknown enterprise filter and 422 for a malformed one', async () => {
      await api().get(`/api/work-roles?enterpriseId=${newId()}`).set(ot.auth).expect(404);
      await api().get('/api/work-roles?enterpriseId=nope').set(ot.auth).expect(422);
    });
  });

  describe('sites API (benefits defaults)', () => {
    it('lists sites with their default caps', async () => {
      const res = await api().get('/api/sites').set(ot.auth).expect(200);
      expect(res.body).toMatchObject({ limit: 50, offset: 0 });
      const mine = res.body.items.find((s: { id: string }) => s.id === site.id);
      expect(mine).toEqual({ id: site.id, name: site.name, defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959, createdAt: expect.any(String) });
    });

    it('lets an admin change the default caps, null meaning no default cap, and audits it', async () => {
      const s = await t.make.site();
      const res = await api().patch(`/api/sites/${s.id}`).set(admin.auth).send({ defaultWeeklyEarningsCapPence: 20000, defaultWeeklyHoursCapMinutes: 900 }).expect(200);
      expect(res.body).toMatchObject({ defaultWeeklyEarningsCapPence: 20000, defaultWeeklyHoursCapMinutes: 900 });
      const cleared = await api().patch(`/api/sites/${s.id}`).set(admin.auth).send({ defaultWeeklyEarningsCapPence: null }).expect(200);
      expect(cleared.body).toMatchObject({ defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: 900 });
      const stored = await t.uow.read((em) => em.findOneByOrFail(Site, { id: s.id }));
      expect(stored.defaultWeeklyEarningsCapPence).toBeNull();
      const events = await auditEvents('site.update', s.id);
      expect(events).toHaveLength(2);
      expect(JSON.parse(events.find((e) => JSON.parse(e.detail!).defaultWeeklyEarningsCapPence?.to === null)!.detail!)).toEqual({ defaultWeeklyEarningsCapPence: { from: 20000, to: null } });
    });

    it('refuses bad caps (422), non-admins (403) and missing sites (404)', async () => {
      for (const body of [{ defaultWeeklyEarningsCapPence: 195.5 }, { defaultWeeklyEarningsCapPence: 0 }, { defaultWeeklyHoursCapMinutes: -1 }, { defaultWeeklyHoursCapMinutes: 20000 }, { name: 'x' }]) {
        await api().patch(`/api/sites/${site.id}`).set(admin.auth).send(body).expect(422);
      }
      await api().patch(`/api/sites/${site.id}`).set(ot.auth).send({ defaultWeeklyHoursCapMinutes: 600 }).expect(403);
      await api().patch(`/api/sites/${site.id}`).set(lead.auth).send({ defaultWeeklyHoursCapMinutes: 600 }).expect(403);
      await api().patch(`/api/sites/${newId()}`).set(admin.auth).send({ defaultWeeklyHoursCapMinutes: 600 }).expect(404);
      const stored = await t.uow.read((em) => em.findOneByOrFail(Site, { id: site.id }));
      expect(stored).toMatchObject({ defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959 });
    });
  });

  describe('OpenAPI', () => {
    it('documents every enterprise, work role and site operation with a summary and a response type', async () => {
      const doc = (await api().get('/api/docs-json').expect(200)).body;
      const ops: [string, string][] = [
        ['/api/enterprises', 'get'],
        ['/api/enterprises', 'post'],
        ['/api/enterprises/{id}', 'get'],
        ['/api/enterprises/{id}', 'patch'],
        ['/api/enterprises/{id}/leads', 'put'],
        ['/api/work-roles', 'get'],
        ['/api/work-roles', 'post'],
        ['/api/work-roles/{id}', 'get'],
        ['/api/work-roles/{id}', 'patch'],
        ['/api/sites', 'get'],
        ['/api/sites/{id}', 'patch'],
      ];
      for (const [path, method] of ops) {
        const op = doc.paths[path]?.[method];
        expect({ path, method, summary: op?.summary }).toEqual({ path, method, summary: expect.any(String) });
        const ok = op.responses['200'] ?? op.responses['201'];
        expect(ok.content['application/json'].schema).toBeDefined();
      }
      expect(Object.keys(doc.components.schemas.WorkRoleDto.properties).sort()).toEqual(ROLE_KEYS);
      expect(Object.keys(doc.components.schemas.EnterpriseDto.properties).sort()).toEqual(ENTERPRISE_KEYS);
    });
  });

  describe('pages', () => {
    it('lists enterprises, the lead’s own first and marked', async () => {
      const mine = await createEnterprise({ name: 'Zebra Laundry', kind: 'LAUNDRY', leadUserIds: [lead.user.id] });
      const browser = await t.make.browser(lead.user);
      const res = await browser.get('/enterprises');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Your enterprises');
      expect(res.text).toContain('You lead this');
      expect(res.text.indexOf('Zebra Laundry')).toBeLessThan(res.text.indexOf('All enterprises'));
      expect(res.text).toContain(`href="/enterprises/${mine.id}"`);
      expect(res.text).not.toContain('Create an enterprise');
    });

    it('shows an enterprise with its roles: rate, activities, positions and filled', async () => {
      const e = await createEnterprise({ name: 'Garden & Grow <Co>', referenceName: 'Community Garden Project' });
      const role = await createRole(e.id, { title: 'Gardener', hourlyRatePence: 1144, activities: ['TOOLS', 'SHARPS'], positions: 4 });
      await placeActive(role.id);
      const browser = await t.make.browser(ot.user);
      const res = await browser.get(`/enterprises/${e.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Garden &amp; Grow &lt;Co&gt;');
      expect(res.text).toContain('Community Garden Project');
      expect(res.text).toContain('£11.44');
      expect(res.text).toContain('Tools');
      expect(res.text).toContain('Sharps (knives, blades)');
      expect(res.text).toMatch(/<td class="nhsuk-table__cell nhsuk-table__cell--numeric">4<\/td>\s*<td class="nhsuk-table__cell nhsuk-table__cell--numeric">1<\/td>/);
      expect(res.text).not.toContain('Add a work role'); // an OT cannot change it
      expect((await browser.get(`/enterprises/${newId()}`)).status).toBe(404);
    });

    it('lets an admin create an enterprise through the form', async () => {
      const browser = await t.make.browser(admin.user);
      const form = await browser.get('/enterprises/new');
      expect(form.status).toBe(200);
      expect(form.text).toContain('name="_csrf"');
      const res = await browser.post('/enterprises/new', {
        name: 'Form Café',
        kind: 'CAFE',
        businessNeed: 'Coffee for visitors',
        siteId: site.id,
        wardId: '',
        locationZone: 'GROUNDS',
        minimumLeave: '',
        referenceName: 'Form Community Café',
        openingTimes: '',
        leadUserIds: [lead.user.id],
      });
      expect(res.status).toBe(303);
      const id = /\/enterprises\/([0-9a-f-]{36})\?done=created/.exec(res.headers.location)![1];
      const created = (await api().get(`/api/enterprises/${id}`).set(admin.auth).expect(200)).body;
      expect(created).toMatchObject({ name: 'Form Café', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Form Community Café', openingTimes: null, wardId: null, leadUserIds: [lead.user.id] });
      const page = await browser.get(res.headers.location);
      expect(page.text).toContain('Enterprise created');
    });

    it('re-renders the enterprise form with an error summary and field messages (422)', async () => {
      const browser = await t.make.browser(admin.user);
      await browser.get('/enterprises/new');
      const res = await browser.post('/enterprises/new', {
        name: 'Bad Form Café',
        kind: 'CAFE',
        businessNeed: 'Coffee',
        siteId: site.id,
        locationZone: 'COMMUNITY',
        minimumLeave: 'ESCORTED_GROUNDS',
        referenceName: ' ',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('href="#referenceName"');
      expect(res.text).toContain('Enter a reference name');
      expect(res.text).toContain('value="Bad Form Café"'); // what was typed is kept
      const fixed = await browser.post('/enterprises/new', { name: 'Bad Form Café', kind: 'CAFE', businessNeed: 'Coffee', siteId: site.id, locationZone: 'COMMUNITY', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Good name' });
      expect(fixed.status).toBe(422);
      expect(fixed.text).toContain('href="#minimumLeave"');
      expect(fixed.text).toMatch(/needs at least escorted community leave/);
      const list = await api().get('/api/enterprises').set(admin.auth).expect(200);
      expect(list.body.items.map((e: { name: string }) => e.name)).not.toContain('Bad Form Café');
    });

    it('refuses the create form to non-admins and a form without its CSRF token', async () => {
      const browser = await t.make.browser(lead.user);
      expect((await browser.get('/enterprises/new')).status).toBe(403);
      const adminBrowser = await t.make.browser(admin.user);
      await adminBrowser.get('/enterprises/new');
      const res = await adminBrowser.post('/enterprises/new', { name: 'No CSRF', kind: 'CAFE', businessNeed: 'x', siteId: site.id, locationZone: 'GROUNDS', referenceName: 'x' }, { csrf: false });
      expect(res.status).toBe(403);
      expect(res.text).toContain('CSRF_FAILED');
    });

    it('lets a lead edit their own enterprise through the form, but not another lead’s (403)', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const other = await createEnterprise({ leadUserIds: [otherLead.user.id] });
      const browser = await t.make.browser(lead.user);
      const form = await browser.get(`/enterprises/${e.id}/edit`);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`value="${e.referenceName}"`);
      const res = await browser.post(`/enterprises/${e.id}/edit`, {
        name: e.name,
        kind: 'SHOP',
        businessNeed: e.businessNeed,
        wardId: ward.id,
        locationZone: 'GROUNDS',
        minimumLeave: 'UNESCORTED_GROUNDS',
        referenceName: 'New reference name',
        openingTimes: 'Tuesdays',
        status: 'ACTIVE',
      });
      expect(res.status).toBe(303);
      expect((await api().get(`/api/enterprises/${e.id}`).set(admin.auth).expect(200)).body).toMatchObject({
        kind: 'SHOP',
        wardId: ward.id,
        minimumLeave: 'UNESCORTED_GROUNDS',
        referenceName: 'New reference name',
        openingTimes: 'Tuesdays',
      });
      expect((await browser.get(`/enterprises/${other.id}/edit`)).status).toBe(403);
      const post = await browser.post(`/enterprises/${other.id}/edit`, { name: 'Hijacked', kind: 'SHOP', businessNeed: 'x', locationZone: 'GROUNDS', referenceName: 'x', status: 'CLOSED' });
      expect(post.status).toBe(403);
      expect((await api().get(`/api/enterprises/${other.id}`).set(admin.auth).expect(200)).body.status).toBe('ACTIVE');
    });

    it('lets an admin choose leads through the form', async () => {
      const e = await createEnterprise();
      const browser = await t.make.browser(admin.user);
      const form = await browser.get(`/enterprises/${e.id}/leads`);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`value="${otherLead.user.id}"`);
      expect(form.text).not.toContain(`value="${ot.user.id}"`);
      const res = await browser.post(`/enterprises/${e.id}/leads`, { userIds: [otherLead.user.id] });
      expect(res.status).toBe(303);
      expect((await api().get(`/api/enterprises/${e.id}`).set(admin.auth).expect(200)).body.leadUserIds).toEqual([otherLead.user.id]);
      const bad = await browser.post(`/enterprises/${e.id}/leads`, { userIds: [ot.user.id] });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('href="#userIds"');
    });

    it('adds a work role through the form, converting pounds to pence exactly', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const browser = await t.make.browser(lead.user);
      const form = await browser.get(`/enterprises/${e.id}/roles/new`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('name="activities"');
      const res = await browser.post(`/enterprises/${e.id}/roles/new`, {
        title: 'Kitchen assistant',
        duties: 'Prepares food',
        hourlyRate: '0.29',
        activities: ['SHARPS', 'FOOD_PREPARATION'],
        skillCode: ['Food-Hygiene', '', ''],
        skillLevel: ['COMPETENT', '', ''],
        positions: '2',
        patientsPerSupervisor: '3',
      });
      expect(res.status).toBe(303);
      const roles = (await api().get(`/api/work-roles?enterpriseId=${e.id}`).set(lead.auth).expect(200)).body.items;
      expect(roles).toHaveLength(1);
      expect(roles[0]).toMatchObject({
        title: 'Kitchen assistant',
        hourlyRatePence: 29,
        activities: ['SHARPS', 'FOOD_PREPARATION'],
        prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }],
        positions: 2,
        patientsPerSupervisor: 3,
        active: true,
      });
    });

    it('re-renders the work role form with field messages for a bad rate, skill and positions (422)', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const browser = await t.make.browser(lead.user);
      await browser.get(`/enterprises/${e.id}/roles/new`);
      const res = await browser.post(`/enterprises/${e.id}/roles/new`, {
        title: 'Barista',
        duties: 'Drinks',
        hourlyRate: '11.444',
        skillCode: ['', 'food hygiene', ''],
        skillLevel: ['', 'COMPETENT', ''],
        positions: '0',
        patientsPerSupervisor: 'four',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('There is a problem');
      for (const id of ['hourlyRate', 'skillCode-1', 'positions', 'patientsPerSupervisor']) expect(res.text).toContain(`href="#${id}"`);
      expect(res.text).toContain('id="skillCode-1"');
      expect(res.text).toContain('value="11.444"');
      expect(res.text).toContain('in pounds and pence, like 11.44');
      expect((await api().get(`/api/work-roles?enterpriseId=${e.id}`).set(lead.auth).expect(200)).body.total).toBe(0);
    });

    it('edits a work role through the form, refusing positions below its active placements', async () => {
      const e = await createEnterprise({ leadUserIds: [lead.user.id] });
      const role = await createRole(e.id, { positions: 3, hourlyRatePence: 950 });
      await placeActive(role.id);
      await placeActive(role.id);
      const browser = await t.make.browser(lead.user);
      const form = await browser.get(`/enterprises/${e.id}/roles/${role.id}/edit`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('value="9.50"');
      expect(form.text).toContain('Filled now: 2');
      const base = { title: 'Barista', duties: 'Drinks', hourlyRate: '9.75', activities: ['CASH'], skillCode: ['food-hygiene', ''], skillLevel: ['COMPETENT', ''], patientsPerSupervisor: '4', active: 'true' };
      const refused = await browser.post(`/enterprises/${e.id}/roles/${role.id}/edit`, { ...base, positions: '1' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('href="#positions"');
      expect(refused.text).toContain('2 active placements');
      const ok = await browser.post(`/enterprises/${e.id}/roles/${role.id}/edit`, { ...base, positions: '2', active: 'false' });
      expect(ok.status).toBe(303);
      expect((await api().get(`/api/work-roles/${role.id}`).set(lead.auth).expect(200)).body).toMatchObject({ positions: 2, hourlyRatePence: 975, activities: ['CASH'], active: false });
      const other = await createEnterprise({ leadUserIds: [otherLead.user.id] });
      const otherRole = await createRole(other.id);
      expect((await browser.get(`/enterprises/${other.id}/roles/${otherRole.id}/edit`)).status).toBe(403);
      const hijack = await browser.post(`/enterprises/${other.id}/roles/${otherRole.id}/edit`, { ...base, positions: '9' });
      expect(hijack.status).toBe(403);
      expect((await api().get(`/api/work-roles/${otherRole.id}`).set(admin.auth).expect(200)).body.positions).toBe(3);
      // a role under the wrong enterprise in the address does not exist there
      expect((await browser.get(`/enterprises/${other.id}/roles/${role.id}/edit`)).status).toBe(404);
    });

    it('shows and saves the site benefits defaults on the settings page', async () => {
      const s = await t.make.site({ name: 'Settings Site' });
      const browser = await t.make.browser(admin.user);
      const page = await browser.get(`/admin/settings?site=${s.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="195.50"');
      expect(page.text).toContain('value="15:59"');
      const saved = await browser.post('/admin/settings', { siteId: s.id, earningsCap: '£204.50', hoursCap: '15:30' });
      expect(saved.status).toBe(303);
      expect((await api().get('/api/sites?limit=200').set(admin.auth).expect(200)).body.items.find((x: { id: string }) => x.id === s.id)).toMatchObject({
        defaultWeeklyEarningsCapPence: 20450,
        defaultWeeklyHoursCapMinutes: 930,
      });
      expect((await browser.get(saved.headers.location)).text).toContain('Settings saved');
      const cleared = await browser.post('/admin/settings', { siteId: s.id, earningsCap: '', hoursCap: '16' });
      expect(cleared.status).toBe(303);
      expect(await t.uow.read((em) => em.findOneByOrFail(Site, { id: s.id }))).toMatchObject({ defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: 960 });
    });

    it('re-renders the settings page with messages for bad amounts (422), and is for admins only', async () => {
      const s = await t.make.site();
      const browser = await t.make.browser(admin.user);
      await browser.get(`/admin/settings?site=${s.id}`);
      const res = await browser.post('/admin/settings', { siteId: s.id, earningsCap: '195.505', hoursCap: '15:75' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('href="#earningsCap"');
      expect(res.text).toContain('href="#hoursCap"');
      expect(res.text).toContain('value="195.505"');
      expect(await t.uow.read((em) => em.findOneByOrFail(Site, { id: s.id }))).toMatchObject({ defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959 });
      const otBrowser = await t.make.browser(ot.user);
      expect((await otBrowser.get('/admin/settings')).status).toBe(403);
    });
  });
});
