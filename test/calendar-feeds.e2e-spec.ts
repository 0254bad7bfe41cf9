import { createHash } from 'node:crypto';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { CalendarFeed } from '../src/rota/attendance/calendar-feed.entity';
import { User } from '../src/users/user.entity';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** Private calendar feed addresses for calendar apps, which cannot sign in. */
describe('private calendar feeds', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
  });
  afterAll(() => t.close());

  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
  const pathOf = (url: string) => new URL(url).pathname;
  const tokenOf = (url: string) => pathOf(url).split('/').pop()!.replace(/\.ics$/, '');
  const book = (shiftId: string, patientId: string) => t.http().post(`/api/shifts/${shiftId}/assignments`).set(w.ot.auth).send({ patientId }).expect(201);

  it('gives a patient a private feed address that answers text/calendar with no cookie or token header, storing only a hash of it', async () => {
    const p = await w.worker();
    const other = await w.worker();
    const s = await w.shift({ daysAhead: 3 });
    const a = (await book(s.id, p.id)).body;
    const b = (await book((await w.shift({ daysAhead: 4 })).id, other.id)).body;
    const me = await t.make.caller('PATIENT', { patientId: p.id });

    const res = await t.http().post('/api/me/calendar-feed').set(me.auth).expect(201);
    expect(Object.keys(res.body)).toEqual(['url']);
    expect(res.body.url).toMatch(/^https?:\/\/[^/]+\/api\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await t.http().get(pathOf(res.body.url)).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.headers['cache-control']).toBe('no-store');
    const body = unfold(feed.text);
    expect(body).toContain(`UID:assignment-${a.id}@wardworks`);
    expect(body).toContain('SUMMARY:Barista at Community Café');
    expect(body).not.toContain(b.id);
    expect(body).not.toContain(other.displayName);

    const token = tokenOf(res.body.url);
    const rows = await t.uow.read((em) => em.findBy(CalendarFeed, { userId: me.user.id }));
    expect(rows).toEqual([expect.objectContaining({ tokenHash: createHash('sha256').update(token).digest('hex') })]);
    expect(JSON.stringify(rows)).not.toContain(token);
    // the read is audited against the patient, as the feed's owner
    const reads = await t.uow.read((em) => em.findBy(AuditEvent, { action: 'calendar.read', patientId: p.id }));
    expect(reads.map((r) => r.userId)).toContain(me.user.id);
  });

  it('replaces the address when asked again (the previous one stops working), revokes it, and closes it when the user is deactivated', async () => {
    const p = await w.worker();
    const me = await t.make.caller('PATIENT', { patientId: p.id });
    const first = (await t.http().post('/api/me/calendar-feed').set(me.auth).expect(201)).body.url;
    const second = (await t.http().post('/api/me/calendar-feed').set(me.auth).expect(201)).body.url;
    expect(second).not.toBe(first);
    expect((await t.http().get(pathOf(first)).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get(pathOf(second)).expect(200);
    expect(await t.uow.read((em) => em.countBy(CalendarFeed, { userId: me.user.id }))).toBe(1);

    await t.http().delete('/api/me/calendar-feed').set(me.auth).expect(204);
    await t.http().get(pathOf(second)).expect(404);
    await t.http().delete('/api/me/calendar-feed').set(me.auth).expect(404);

    const third = (await t.http().post('/api/me/calendar-feed').set(me.auth).expect(201)).body.url;
    await t.uow.run((em) => em.update(User, { id: me.user.id }, { active: false }));
    await t.http().get(pathOf(third)).expect(404);
    await t.http().get('/api/calendar-feeds/not-a-token.ics').expect(404);
    await t.http().post('/api/me/calendar-feed').expect(401);
    const commissioner = await t.make.caller('COMMISSIONER');
    await t.http().post('/api/me/calendar-feed').set(commissioner.auth).expect(403);
  });

  it('lets a patient get the private address from My week, shown once, with the form protected by CSRF', async () => {
    const p = await w.worker();
    const me = await t.make.user('PATIENT', { patientId: p.id });
    const browser = await t.make.browser(me);
    const page = await browser.get('/my/week');
    expect(page.text).toContain('action="/my/calendar-feed"');
    expect(page.text).not.toContain('/api/calendar-feeds/');
    expect((await browser.post('/my/calendar-feed', {}, { csrf: false })).status).toBe(403);
    const shown = await browser.post('/my/calendar-feed', {});
    expect(shown.status).toBe(200);
    const url = /<code>(https?:\/\/[^<]+\/api\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics)<\/code>/.exec(shown.text)?.[1];
    expect(url).toBeDefined();
    await t.http().get(pathOf(url!)).expect(200);
    expect((await browser.get('/my/week')).text).not.toContain(url!);
  });

  it('names in a staff feed only the patients in the staff member’s scope, counting the others, and audits the names it shows', async () => {
    const ours = await w.worker();
    const otherWard = await t.make.ward({ siteId: w.site.id });
    const theirs = await t.make.patient({ wardId: otherWard.id });
    await t.uow.run(async (em) => {
      await em.insert(LeaveEvent, { id: newId(), patientId: theirs.id, kind: 'GRANT', level: 'UNESCORTED_GROUNDS', effectiveFrom: addDays(londonDate(), -30), effectiveUntil: null, grantedBy: null, note: null, recordedByUserId: w.ot.user.id, recordedAt: new Date() });
      await em.insert(Placement, { id: newId(), patientId: theirs.id, workRoleId: w.role.id, applicationId: null, startOn: addDays(londonDate(), -30), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date() });
    });
    const s = await w.shift({ daysAhead: 5 });
    await book(s.id, ours.id);
    const otherOt = await t.make.caller('OT', { wardIds: [otherWard.id] });
    await t.http().post(`/api/shifts/${s.id}/assignments`).set(otherOt.auth).send({ patientId: theirs.id }).expect(201);

    const feedOf = async (auth: { Authorization: string }) => unfold((await t.http().get(pathOf((await t.http().post('/api/me/calendar-feed').set(auth).expect(201)).body.url)).expect(200)).text);
    const mine = await feedOf(w.ot.auth);
    expect(mine).toContain(`UID:staff-shift-${s.id}@wardworks`);
    expect(mine).toContain(`Booked: ${ours.displayName} and 1 other patient`);
    expect(mine).not.toContain(theirs.displayName);
    const otherFeed = await feedOf(otherOt.auth);
    expect(otherFeed).toContain(`Booked: ${theirs.displayName} and 1 other patient`);
    expect(otherFeed).not.toContain(ours.displayName);
    // the supervisor leads the enterprise: both patients work in it, so both are in scope
    const supervisorFeed = await feedOf({ Authorization: `Bearer ${await t.make.token(w.supervisor.username)}` });
    expect(supervisorFeed).toContain('You supervise this shift');
    expect(supervisorFeed).toContain(ours.displayName);
    expect(supervisorFeed).toContain(theirs.displayName);
    // an escort on another ward sees the shift with counts only
    const escort = await t.make.caller('WARD_STAFF', { wardIds: [(await t.make.ward()).id] });
    const escorted = await w.shift({ daysAhead: 6, escorts: [escort.user.id] });
    await book(escorted.id, ours.id);
    const escortFeed = await feedOf(escort.auth);
    expect(escortFeed).toContain('Booked: 1 other patient');
    expect(escortFeed).toContain('You are an escort on this shift');
    expect(escortFeed).not.toContain(ours.displayName);
    expect(escortFeed).not.toContain(s.id);

    const audited = await t.uow.read((em) => em.findBy(AuditEvent, { action: 'calendar-feed.read', userId: w.ot.user.id }));
    expect(audited.map((e) => e.patientId)).toContain(ours.id);
    expect(audited.map((e) => e.patientId)).not.toContain(theirs.id);
  });
});
