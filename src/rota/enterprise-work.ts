import type { EntityManager } from 'typeorm';

/** Work an enterprise has to do besides its shifts, e.g. an order to deliver: what and where only. */
export interface WorkItem {
  enterpriseId: string;
  /** London date. */
  date: string;
  neededBy: Date;
  what: string;
  where: string;
}

/** Provided by the orders area (global), so the rota shows orders beside shifts without importing it. */
export interface EnterpriseWorkProvider {
  workFor(em: EntityManager, enterpriseIds: string[], fromAt: Date, toAt: Date): Promise<WorkItem[]>;
}

export const ENTERPRISE_WORK = Symbol('ENTERPRISE_WORK');
