import type { LeaveLevel } from '../patients/leave';
import type { PatientStatus } from '../patients/patient.entity';
import { communityStartRefusal } from './outside-rules';

const leave = (level: LeaveLevel, suspended = false) => ({ level, suspended, suspensionReason: suspended ? 'Incident' : null, effectiveLevel: suspended ? ('NONE' as const) : level });

describe('communityStartRefusal', () => {
  it.each([
    ['ACTIVE', leave('UNESCORTED_COMMUNITY'), false],
    ['ACTIVE', leave('ESCORTED_COMMUNITY'), true],
    ['ACTIVE', leave('UNESCORTED_GROUNDS'), true],
    ['ACTIVE', leave('NONE'), true],
    ['ACTIVE', leave('UNESCORTED_COMMUNITY', true), true],
    ['TRANSFERRED', leave('NONE'), true],
    ['DISCHARGED', leave('NONE'), false],
  ] as [PatientStatus, ReturnType<typeof leave>, boolean][])('%s with %o refused: %p', (status, l, refused) => {
    expect(communityStartRefusal(status, l) !== null).toBe(refused);
  });
});
