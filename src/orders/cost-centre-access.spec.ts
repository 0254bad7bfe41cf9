import type { Role } from '../users/roles';
import { mayUseCostCentre } from './cost-centre-access';

describe('who may order on a cost centre', () => {
  const alder = { wardId: 'alder' };
  const department = { wardId: null };
  it.each<[string, Role, string[], { wardId: string | null }, boolean, boolean]>([
    ['ward staff on their own ward', 'WARD_STAFF', ['alder'], alder, false, true],
    ['ward staff on another ward', 'WARD_STAFF', ['birch'], alder, false, false],
    ['an OT of the ward', 'OT', ['alder', 'birch'], alder, false, true],
    ['ward staff on a department, not assigned', 'WARD_STAFF', ['alder'], department, false, false],
    ['anyone assigned by an admin', 'ENTERPRISE_LEAD', [], department, true, true],
    ['an admin, always', 'ADMIN', [], department, false, true],
    ['never a patient, even assigned', 'PATIENT', [], alder, true, false],
    ['never a commissioner', 'COMMISSIONER', ['alder'], alder, true, false],
  ])('%s', (_name, role, wardIds, cc, assigned, expected) => {
    expect(mayUseCostCentre({ role, wardIds }, cc, assigned)).toBe(expected);
  });
});
