import { AuditEvent } from '../audit/audit-event.entity';
import { ApiToken } from '../auth/api-token.entity';
import { RateLimit } from '../auth/rate-limit.entity';
import { Session } from '../auth/session.entity';
import { Patient } from '../patients/patient.entity';
import { UserWard } from '../users/user-ward.entity';
import { User } from '../users/user.entity';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import { SeedRun } from './seed-run.entity';

/** Every entity of the application; the migrations must match exactly these. */
export const ENTITIES = [Site, Ward, Patient, User, UserWard, Session, ApiToken, RateLimit, AuditEvent, SeedRun];
