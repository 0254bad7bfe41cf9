import { createHash } from 'node:crypto';
import { londonDate } from '../src/common/dates';
import { gatherReferenceFacts, ReferenceFactsRepository } from '../src/references/reference-facts';
import { CODE_ALPHABET, CODE_LENGTH } from '../src/references/reference-rules';
import { Reference } from '../src/references/reference.entity';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';

const OT = demoId('user:ot');
const LEAD = demoId('user:lead');
const DAY = 86_400_000;

/** A stable code for a demo reference, so the tour can link to its verify page (demo data only). */
export function demoReferenceCode(name: string): string {
  const bytes = createHash('sha256').update('wardworks-demo:reference-code:' + name).digest();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i] & 31];
  return code;
}

/** The demo patient's (Jamie Reed, p01) approved reference for their barista placement. */
export const DEMO_APPROVED_REFERENCE_ID = demoId('reference:p01:cafe.barista');
export const DEMO_APPROVED_REFERENCE_CODE = demoReferenceCode('p01:cafe.barista');
/** A draft for another patient (Alex Carter, p02, shop assistant), written by the OT for the lead to approve. */
export const DEMO_DRAFT_REFERENCE_ID = demoId('reference:p02:shop.assistant');

const REFERENCES = [
  {
    id: DEMO_APPROVED_REFERENCE_ID,
    code: DEMO_APPROVED_REFERENCE_CODE,
    placementId: demoId('placement:p01:cafe.barista:-42'),
    patientId: demoId('patient:p01'),
    status: 'APPROVED' as const,
    statement:
      'Jamie has worked as a barista in our café for six weeks. Jamie arrives ready to work, follows the food hygiene routine without reminders and is friendly and patient with customers, including at our busiest times. Jamie learnt the full drinks menu quickly and now helps new starters with the coffee machine. I recommend Jamie for work in a café or shop.',
    refereeName: 'Leon Edwards',
    refereeJobTitle: 'Café manager',
    draftedBy: LEAD,
    approvedBy: OT,
  },
  {
    id: DEMO_DRAFT_REFERENCE_ID,
    code: demoReferenceCode('p02:shop.assistant'),
    placementId: demoId('placement:p02:shop.assistant:-35'),
    patientId: demoId('patient:p02'),
    status: 'DRAFT' as const,
    statement:
      'Alex has worked as a shop assistant for five weeks, serving customers at the till, restocking shelves and keeping the shop tidy. Alex is careful with cash and asks for help when unsure.',
    refereeName: 'Olivia Thompson',
    refereeJobTitle: 'Occupational therapist',
    draftedBy: OT,
    approvedBy: null,
  },
];

/**
 * References with real facts, gathered from the demo rota's attendance and the demo skill
 * records by the same function the service uses: one approved for the demo patient (written by
 * the café's lead, approved by the OT: four eyes) and one draft for another patient, which the
 * lead can approve in the tour.
 */
export const referencesSeed: DemoSeed = {
  name: '2026-12-references',
  async run(em, { now }) {
    const facts = new ReferenceFactsRepository();
    for (const r of REFERENCES) {
      const gathered = await gatherReferenceFacts(em, facts, r.placementId, londonDate(now));
      if (!gathered) continue;
      const createdAt = new Date(now.getTime() - 3 * DAY);
      const approvedAt = r.approvedBy ? new Date(now.getTime() - 2 * DAY) : null;
      await em.insert(Reference, {
        id: r.id,
        patientId: r.patientId,
        placementId: r.placementId,
        status: r.status,
        verificationCode: r.code,
        facts: gathered,
        statement: r.statement,
        refereeName: r.refereeName,
        refereeJobTitle: r.refereeJobTitle,
        showHospitalName: false,
        draftedByUserId: r.draftedBy,
        approvedByUserId: r.approvedBy,
        approvedAt,
        withdrawnByUserId: null,
        withdrawnAt: null,
        withdrawnReason: null,
        createdAt,
        updatedAt: approvedAt ?? createdAt,
      });
    }
  },
};
