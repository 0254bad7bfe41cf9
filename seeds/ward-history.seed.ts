import type { EntityManager } from 'typeorm';
import { Patient } from '../src/patients/patient.entity';
import { WardStay } from '../src/patients/ward-stay.entity';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';

const OT = demoId('user:ot');
const DAY = 86_400_000;

/**
 * Two invented transfers, each patient ending on the ward the earlier seeds put them on: Riley
 * Hughes came to Birch from Cedar 150 days ago (so their garden placement's early months count
 * for Cedar in reports by ward), and Charlie Nunez stepped down from Birch to Willow 100 days ago.
 */
export const DEMO_TRANSFERS = [
  { patient: 'p07', from: 'cedar', to: 'birch', daysAgo: 150, reason: 'Bed reallocated while Cedar Ward was refurbished.' },
  { patient: 'p11', from: 'birch', to: 'willow', daysAgo: 100, reason: 'Step down to low secure care.' },
] as const;

/** Demo ward history: every demo patient's stay on their ward, and the transfers above. */
export const wardHistorySeed: DemoSeed = {
  name: '2026-12-ward-history',
  async run(em: EntityManager, { now }) {
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const moved = new Map<string, (typeof DEMO_TRANSFERS)[number]>(DEMO_TRANSFERS.map((t) => [demoId('patient:' + t.patient), t]));
    const have = new Set((await em.createQueryBuilder(WardStay, 's').select('DISTINCT s.patientId', 'patientId').getRawMany<{ patientId: string }>()).map((r) => r.patientId));
    for (const p of await em.find(Patient, { order: { id: 'ASC' } })) {
      if (have.has(p.id)) continue;
      const t = moved.get(p.id);
      if (!t || p.wardId !== demoId('ward:' + t.to)) {
        // as the migration does for existing patients: one open stay from when the record was made
        await em.insert(WardStay, { id: p.id, patientId: p.id, wardId: p.wardId, fromAt: p.createdAt, toAt: null, reason: null, recordedByUserId: null, recordedAt: now });
        continue;
      }
      const movedAt = at(t.daysAgo);
      await em.insert(WardStay, { id: p.id, patientId: p.id, wardId: demoId('ward:' + t.from), fromAt: at(400), toAt: movedAt, reason: null, recordedByUserId: null, recordedAt: now });
      await em.insert(WardStay, { id: demoId(`ward-stay:${t.patient}:2`), patientId: p.id, wardId: p.wardId, fromAt: movedAt, toAt: null, reason: t.reason, recordedByUserId: OT, recordedAt: movedAt });
    }
  },
};
