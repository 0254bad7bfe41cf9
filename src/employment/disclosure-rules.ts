import type { DisclosureChoice } from './employment.types';

/**
 * Whether a reference given to one employer names the hospital: it follows what the person
 * chose to disclose to that employer (named only if they disclosed the hospital); with no
 * choice recorded for that employer, the person's general choice on the reference applies.
 */
export function hospitalNamedForEmployer(generalChoice: boolean, disclosure: DisclosureChoice | null): boolean {
  if (disclosure === null) return generalChoice;
  return disclosure === 'HEALTH_AND_HOSPITAL';
}
