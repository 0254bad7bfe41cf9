import type { MigrationInterface } from 'typeorm';
import { AttendanceRate1796427801131 } from './1796427801131-AttendanceRate';
import { CalendarFeeds1796428127253 } from './1796428127253-CalendarFeeds';
import { Foundation1795476801909 } from './1795476801909-Foundation';
import { Ledger1795479818163 } from './1795479818163-Ledger';
import { PeopleAndEnterprises1795477426198 } from './1795477426198-PeopleAndEnterprises';
import { Rota1795478026225 } from './1795478026225-Rota';
import { SkillsReferencesCredentials1796176935149 } from './1796176935149-SkillsReferencesCredentials';
import { HospitalCustomers1796425882486 } from './1796425882486-HospitalCustomers';
import { EmploymentSupport1796426837255 } from './1796426837255-EmploymentSupport';
import { Tills1796427952320 } from './1796427952320-Tills';
import { WardHistory1796440796566 } from './1796440796566-WardHistory';
import { AssignmentOutcomes1796450000000 } from './1796450000000-AssignmentOutcomes';
import { AuthGeneration1796500000000 } from './1796500000000-AuthGeneration';

/** In order (of their timestamps). Committed migrations are never edited. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Foundation1795476801909, PeopleAndEnterprises1795477426198, Rota1795478026225, Ledger1795479818163, SkillsReferencesCredentials1796176935149, HospitalCustomers1796425882486, EmploymentSupport1796426837255, AttendanceRate1796427801131, Tills1796427952320, CalendarFeeds1796428127253, WardHistory1796440796566, AssignmentOutcomes1796450000000, AuthGeneration1796500000000];
