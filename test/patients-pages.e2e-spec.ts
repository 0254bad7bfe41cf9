import { londonDate } from '../src/common/dates';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import type { Ward } from '../src/wards/ward.entity';
import type { User } from '../src/users/user.entity';
import { createTestApp, TestApp } from './support/test-app';

describe('patient pages', () => {
  let t: TestApp;
  let wardA: Ward;
  let wardB: Ward;
  let ot: User;

  beforeAll(async () => {
    t = await createTestApp();
    const site = await t.make.site();
    wardA = await t.make.ward({ siteId: site.id });
    wardB = await t.make.ward({ siteId: site.id });
    ot = await t.make.user('OT', { wardIds: [wardA.id] });
  });
  afterAll(() => t.close());

  it('lists the OT’s patients and not others, with search', async () => {
    const mine = await t.make.patient({ wardId: wardA.id, displayName: 'Findable Person' });
    const other = await t.make.patient({ wardId: wardB.id, displayName: 'Hidden Person' });
    const b = await t.make.browser(ot);
    const page = await b.get('/patients');
    expect(page.status).toBe(200);
    expect(page.text).toContain(mine.displayName);
    expect(page.text).not.toContain(other.displayName);
    const searched = await b.get('/patients?q=findable');
    expect(searched.text).toContain('Findable Person');
  });

  it('shows a patient page and records leave through the form, re-rendering errors', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const b = await t.make.browser(ot);
    expect((await b.get(`/patients/${p.id}`)).text).toContain('No leave recorded');
    await b.get(`/patients/${p.id}/leave`);
    const bad = await b.post(`/patients/${p.id}/leave`, { effectiveFrom: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('Choose a leave level');
    const ok = await b.post(`/patients/${p.id}/leave`, { level: 'ESCORTED_GROUNDS', effectiveFrom: londonDate(), grantedBy: 'Dr Test' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/patients/${p.id}#leave`);
    const rows = await t.uow.read((em) => em.find(LeaveEvent, { where: { patientId: p.id } }));
    expect(rows).toHaveLength(1);
    expect((await b.get(`/patients/${p.id}`)).text).toContain('Escorted grounds leave');
  });

  it('suspends leave and adds a restriction through the forms', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const ward = await t.make.user('WARD_STAFF', { wardIds: [wardA.id] });
    const b = await t.make.browser(ward);
    await b.get(`/patients/${p.id}/leave/suspend`);
    expect((await b.post(`/patients/${p.id}/leave/suspend`, { reason: 'Incident', effectiveFrom: londonDate() })).status).toBe(303);
    await b.get(`/patients/${p.id}/restrictions/new`);
    expect((await b.post(`/patients/${p.id}/restrictions/new`, { restriction: 'NO_TOOLS', effectiveFrom: londonDate(), reason: 'Review' })).status).toBe(303);
    const page = await b.get(`/patients/${p.id}`);
    expect(page.text).toContain('Suspended');
    expect(page.text).toContain('No tools');
  });

  it('sets custom benefits limits in pounds and hours', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const b = await t.make.browser(ot);
    await b.get(`/patients/${p.id}/benefits`);
    expect((await b.post(`/patients/${p.id}/benefits`, { mode: 'CUSTOM', weeklyEarningsCapPence: '12.34', effectiveFrom: londonDate() })).status).toBe(303);
    const api = await t.http().get(`/api/patients/${p.id}`).set({ Authorization: `Bearer ${await t.make.token(ot)}` }).expect(200);
    expect(api.body.benefitsLimits).toMatchObject({ weeklyEarningsCapPence: 1234, source: 'CUSTOM' });
    const bad = await b.post(`/patients/${p.id}/benefits`, { mode: 'CUSTOM', weeklyEarningsCapPence: 'lots', effectiveFrom: londonDate() });
    expect(bad.status).toBe(422);
  });

  it('answers a page for a patient on another ward with 404', async () => {
    const other = await t.make.patient({ wardId: wardB.id });
    const b = await t.make.browser(ot);
    const res = await b.get(`/patients/${other.id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(other.displayName);
  });
});
