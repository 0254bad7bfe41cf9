import { AppError } from '../common/errors/app-error';
import { LEAVE_LABELS, type LeaveLevel } from '../patients/leave';
import type { LocationZone } from './enterprise.types';

/** Errors of the enterprises area, each with a stable code. */
export const EnterpriseErrors = {
  nameTaken(): AppError {
    const message = 'An enterprise with that name already exists';
    return AppError.conflict('ENTERPRISE_NAME_TAKEN', message, [{ field: 'name', message }]);
  },

  minimumLeaveBelowZone(zone: LocationZone, zoneMinimum: LeaveLevel): AppError {
    const message = `Work in the ${zone.toLowerCase()} zone needs at least ${LEAVE_LABELS[zoneMinimum].toLowerCase()}; the minimum leave may be higher, never lower`;
    return new AppError('MINIMUM_LEAVE_BELOW_ZONE', message, 422, [{ field: 'minimumLeave', code: 'MINIMUM_LEAVE_BELOW_ZONE', message, zoneMinimum }]);
  },

  unknownSite(): AppError {
    return AppError.validation('No such site', [{ field: 'siteId', message: 'Choose a site that exists' }]);
  },

  wardNotOnSite(): AppError {
    return AppError.validation('The ward is not on the enterprise’s site', [{ field: 'wardId', message: 'Choose a ward on the enterprise’s site' }]);
  },

  notLeads(userIds: string[]): AppError {
    const message = 'Only active users with the enterprise lead role can lead an enterprise';
    return new AppError('LEAD_ROLE_REQUIRED', message, 422, [{ field: 'userIds', code: 'LEAD_ROLE_REQUIRED', message, userIds }]);
  },

  positionsInUse(positions: number, activePlacements: number): AppError {
    const message = `This role has ${activePlacements} active placement${activePlacements === 1 ? '' : 's'}; positions cannot go below that (asked for ${positions}). End placements first.`;
    return AppError.conflict('POSITIONS_IN_USE', message, [{ field: 'positions', code: 'POSITIONS_IN_USE', message, activePlacements }]);
  },
};
