import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ClinicalChangeHandler = (em: EntityManager, patientId: string) => Promise<unknown>;

/**
 * Lets other areas react, inside the same transaction, when a patient's leave, restrictions
 * or status change (the rota flags future bookings for review) without the patient record
 * depending on them.
 */
@Injectable()
export class PatientChangeHooks {
  private readonly handlers: ClinicalChangeHandler[] = [];

  onClinicalChange(handler: ClinicalChangeHandler): void {
    this.handlers.push(handler);
  }

  async clinicalChange(em: EntityManager, patientId: string): Promise<void> {
    for (const h of this.handlers) await h(em, patientId);
  }
}
