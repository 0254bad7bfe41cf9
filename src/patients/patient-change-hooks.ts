import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ClinicalChangeHandler = (em: EntityManager, patientId: string) => Promise<unknown>;
export type LeavingHandler = (em: EntityManager, patientId: string, reason: 'DISCHARGED' | 'TRANSFERRED', endOn: string) => Promise<unknown>;

/**
 * Lets other areas react, inside the same transaction, when a patient's leave, restrictions
 * or status change (the rota flags future bookings for review) without the patient record
 * depending on them.
 */
@Injectable()
export class PatientChangeHooks {
  private readonly handlers: ClinicalChangeHandler[] = [];
  private readonly leaving: LeavingHandler[] = [];

  /** The patient is discharged or transferred (recruitment ends their active placements). */
  onLeaving(handler: LeavingHandler): void {
    this.leaving.push(handler);
  }

  async left(em: EntityManager, patientId: string, reason: 'DISCHARGED' | 'TRANSFERRED', endOn: string): Promise<void> {
    for (const h of this.leaving) await h(em, patientId, reason, endOn);
  }

  onClinicalChange(handler: ClinicalChangeHandler): void {
    this.handlers.push(handler);
  }

  async clinicalChange(em: EntityManager, patientId: string): Promise<void> {
    for (const h of this.handlers) await h(em, patientId);
  }
}
