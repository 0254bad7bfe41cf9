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
import { EnterpriseLead } from '../enterprises/enterprise-lead.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { BenefitsLimit } from '../patients/benefits-limit.entity';
import { LeaveEvent } from '../patients/leave-event.entity';
import { VocationalProfile } from '../patients/vocational-profile.entity';
import { WorkRestriction } from '../patients/work-restriction.entity';
import { WardStay } from '../patients/ward-stay.entity';
import { Application } from '../recruitment/application.entity';
import { Interview } from '../recruitment/interview.entity';
import { Offer } from '../recruitment/offer.entity';
import { Placement } from '../recruitment/placement.entity';
import { Vacancy } from '../recruitment/vacancy.entity';
import { LedgerAccount } from '../ledger/account.entity';
import { JournalEntry } from '../ledger/journal-entry.entity';
import { JournalLine } from '../ledger/journal-line.entity';
import { LedgerPeriod } from '../ledger/ledger-period.entity';
import { PayrollRun } from '../ledger/payroll-run.entity';
import { ReinvestmentProposal } from '../ledger/reinvestment-proposal.entity';
import { Assignment } from '../rota/assignment.entity';
import { AttendanceRecord } from '../rota/attendance-record.entity';
import { AssignmentOutcome } from '../outcomes/assignment-outcome.entity';
import { CalendarFeed } from '../rota/attendance/calendar-feed.entity';
import { ClosureDay } from '../rota/closure-day.entity';
import { ShiftPattern } from '../rota/shift-pattern.entity';
import { Shift } from '../rota/shift.entity';
import { TimesheetLine } from '../rota/timesheet-line.entity';
import { Timesheet } from '../rota/timesheet.entity';
import { Skill } from '../skills/skill.entity';
import { SkillLog } from '../skills/skill-log.entity';
import { Reference } from '../references/reference.entity';
import { Credential } from '../credentials/credential.entity';
import { PatientDemographics } from '../outcomes/patient-demographics.entity';
import { Product } from '../catalogue/product.entity';
import { ProductPrice } from '../catalogue/product-price.entity';
import { CostCentre } from '../orders/cost-centre.entity';
import { CostCentreUser } from '../orders/cost-centre-user.entity';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderEvent } from '../orders/order-event.entity';
import { StandingOrder } from '../orders/standing-order.entity';
import { OpeningHours } from '../bookings/opening-hours.entity';
import { ServiceBooking } from '../bookings/service-booking.entity';
import { BenefitsSituationRecord } from '../patients/benefits-situation.entity';
import { EmploymentReferral } from '../employment/referral.entity';
import { EmploymentSpecialist } from '../employment/specialist.entity';
import { PlanEntry } from '../employment/plan-entry.entity';
import { Employer } from '../employment/employer.entity';
import { EmployerContact } from '../employment/employer-contact.entity';
import { OutsideOpportunity } from '../employment/opportunity.entity';
import { FollowAlongContact } from '../employment/follow-along-contact.entity';
import { EmployerDisclosure } from '../employment/disclosure.entity';
import { CustomerPrice } from '../catalogue/customer-price.entity';
import { TillSession } from '../tills/till-session.entity';
import { TillSale } from '../tills/till-sale.entity';
import { TillSaleLine } from '../tills/till-sale-line.entity';
import { TillPayment } from '../tills/till-payment.entity';
import { TillCashMovement } from '../tills/till-cash-movement.entity';
import { StockMovement } from '../tills/stock-movement.entity';

/** Every entity of the application; the migrations must match exactly these. */
export const ENTITIES = [
  Site, Ward, Patient, User, UserWard, Session, ApiToken, RateLimit, AuditEvent, SeedRun,
  LeaveEvent, WorkRestriction, BenefitsLimit, VocationalProfile, WardStay,
  Enterprise, EnterpriseLead, WorkRole,
  Vacancy, Application, Interview, Offer, Placement,
  Shift, ShiftPattern, ClosureDay, Assignment, AttendanceRecord, AssignmentOutcome, Timesheet, TimesheetLine, CalendarFeed,
  LedgerAccount, JournalEntry, JournalLine, LedgerPeriod, PayrollRun, ReinvestmentProposal,
  Skill, SkillLog, Reference, Credential,
  PatientDemographics,
  Product, ProductPrice, CostCentre, CostCentreUser, Order, OrderLine, OrderEvent, StandingOrder, OpeningHours, ServiceBooking,
  BenefitsSituationRecord, EmploymentReferral, EmploymentSpecialist, PlanEntry, Employer, EmployerContact, OutsideOpportunity, FollowAlongContact, EmployerDisclosure,
  CustomerPrice, TillSession, TillSale, TillSaleLine, TillPayment, TillCashMovement, StockMovement,
];
