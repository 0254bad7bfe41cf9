import type { Role } from '../users/roles';

export interface NavItem {
  href: string;
  text: string;
  /** Shown on the home page card. */
  description: string;
  roles: readonly Role[];
}

/** The header navigation; each area adds its pages here for the roles that use them. */
export const NAVIGATION: NavItem[] = [
  { href: '/', text: 'Home', description: '', roles: ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT', 'COMMISSIONER'] },
  { href: '/patients', text: 'Patients', description: 'Patients on your wards: leave, restrictions, benefits limits, vocational profiles and jobs.', roles: ['ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/enterprises', text: 'Enterprises', description: 'The enterprises, their work roles, pay rates and the activities each role involves.', roles: ['ADMIN', 'ENTERPRISE_LEAD', 'OT', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/vacancies', text: 'Vacancies', description: 'Vacancies and their applicants: interviews, offers and placements.', roles: ['ADMIN', 'ENTERPRISE_LEAD', 'OT', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/rota', text: 'Rota', description: 'The week’s rota per enterprise: book eligible patients, see free places and flags.', roles: ['OT', 'ENTERPRISE_LEAD', 'ADMIN'] },
  { href: '/rota/needs-review', text: 'Needs review', description: 'Future bookings a leave or restriction change has put in question.', roles: ['OT'] },
  { href: '/ward/today', text: 'Today on my ward', description: 'Who on your wards works today, where and when, and the escorts needed.', roles: ['WARD_STAFF', 'OT'] },
  { href: '/attendance', text: 'Attendance', description: 'Record attendance for today’s shifts and approve weekly timesheets.', roles: ['ENTERPRISE_LEAD', 'WARD_STAFF'] },
  { href: '/my/week', text: 'My week', description: 'Your shifts, hours and projected earnings against your limits.', roles: ['PATIENT'] },
  { href: '/orders', text: 'Orders', description: 'Order laundry, catering, shop deliveries and post for your ward or department, and follow each order.', roles: ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/bookings', text: 'My bookings', description: 'Book the car valet and other services for yourself, and see or cancel your bookings.', roles: ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/enterprise-orders', text: 'Order queue', description: 'Orders to your enterprises: accept, decline, record deliveries; each day’s sheet of orders and bookings.', roles: ['ENTERPRISE_LEAD', 'ADMIN'] },
  { href: '/catalogue', text: 'Catalogue', description: 'The products and services your enterprises offer the hospital, their prices and booking rules.', roles: ['ENTERPRISE_LEAD', 'ADMIN'] },
  { href: '/till', text: 'Tills', description: 'The café and shop tills: open a session, sell at the counter, close with the cash count, Z reports and stock.', roles: ['ENTERPRISE_LEAD', 'ADMIN'] },
  { href: '/cost-centres', text: 'Recharge statements', description: 'Each month’s delivered orders per cost centre, balanced to the ledgers, with a CSV for the finance team.', roles: ['ADMIN', 'ENTERPRISE_LEAD'] },
  { href: '/finance', text: 'Finance', description: 'Takings, costs, the journal, payroll, surplus and reinvestment for your enterprises.', roles: ['ENTERPRISE_LEAD', 'ADMIN'] },
  { href: '/surplus', text: 'Surplus and reinvestment', description: 'Surplus made and reinvested across all enterprises, and the opportunities it created.', roles: ['ADMIN', 'COMMISSIONER'] },
  { href: '/till/my-money', text: 'My money', description: 'What you have earned, week by week, beside what you have bought from your account at the café and shop.', roles: ['PATIENT'] },
  { href: '/jobs', text: 'Jobs', description: 'Open vacancies you can apply for.', roles: ['PATIENT'] },
  { href: '/my/applications', text: 'My applications', description: 'Your applications, interviews and the feedback you were given.', roles: ['PATIENT'] },
  { href: '/my/jobs', text: 'My jobs', description: 'The work roles you hold now and have held before.', roles: ['PATIENT'] },
  { href: '/my/skills', text: 'My skills', description: 'The skills staff have verified, what each level means, and a form to log a new one.', roles: ['PATIENT'] },
  { href: '/my/references', text: 'My references', description: 'Your approved references: choose what they show and download them.', roles: ['PATIENT'] },
  { href: '/my/credentials', text: 'My credentials', description: 'Signed certificates of your verified skills to download and show an employer.', roles: ['PATIENT'] },
  { href: '/privacy', text: 'Your information', description: 'What we keep about you, who can see it, how long it is kept and how to get a copy.', roles: ['PATIENT'] },
  { href: '/skills/verification', text: 'Verify skills', description: 'Skills logged by patients and staff, waiting for a second person to verify them.', roles: ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/references', text: 'References', description: 'Draft, approve and withdraw employment references from the records.', roles: ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST', 'ADMIN'] },
  { href: '/credentials', text: 'Credentials', description: 'Issue and revoke Open Badges credentials for verified skills.', roles: ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'] },
  { href: '/skills/framework', text: 'Skills framework', description: 'Every skill and what each level means (admins add, edit or take skills out of use).', roles: ['ADMIN', 'PATIENT'] },
  { href: '/reports/outcomes', text: 'Outcomes', description: 'Work, skills, progression and money across the enterprises, with equity breakdowns (no patient data).', roles: ['ADMIN', 'COMMISSIONER'] },
  { href: '/reports/quarterly', text: 'Quarterly report', description: 'The quarter’s outcomes as a printable report and a PDF, with small numbers suppressed.', roles: ['ADMIN', 'COMMISSIONER'] },
  { href: '/employment/caseload', text: 'Employment support', description: 'IPS caseloads: referrals, person-centred plans, employer contacts, starts outside, follow-along and benefits.', roles: ['EMPLOYMENT_SPECIALIST', 'OT', 'ADMIN'] },
  { href: '/employment/employers', text: 'Employers', description: 'The employer directory and job development contacts.', roles: ['EMPLOYMENT_SPECIALIST', 'OT', 'ADMIN'] },
  { href: '/employment/fidelity', text: 'Employment fidelity', description: 'IPS fidelity items and the employment rate for any period.', roles: ['EMPLOYMENT_SPECIALIST', 'OT', 'ADMIN', 'COMMISSIONER'] },
  { href: '/employment/returns', text: 'Employment return', description: 'The quarterly employment support return as CSV (small numbers suppressed for commissioners).', roles: ['ADMIN', 'COMMISSIONER'] },
  { href: '/my/plan', text: 'My plan', description: 'Your plan for work, education, training or volunteering outside; add a comment.', roles: ['PATIENT'] },
  { href: '/my/work-outside', text: 'My work outside', description: 'Your jobs, courses and volunteering outside the hospital, and how work affects your benefits.', roles: ['PATIENT'] },
  { href: '/admin/settings', text: 'Settings', description: 'Site settings, such as the default benefits limits for permitted work.', roles: ['ADMIN'] },
  { href: '/admin/users', text: 'Users', description: 'Create accounts, assign staff to wards, deactivate accounts and reset passwords.', roles: ['ADMIN'] },
  { href: '/admin/cost-centres', text: 'Cost centres', description: 'The wards’ and departments’ cost centres that orders and recharges are charged to.', roles: ['ADMIN'] },
  { href: '/admin/audit', text: 'Audit log', description: 'Every change and every read of patient data: who, when, what and from where.', roles: ['ADMIN'] },
];

export function navigationFor(role: Role | undefined, currentPath: string): { href: string; text: string; current: boolean }[] {
  if (!role) return [];
  return NAVIGATION.filter((n) => n.roles.includes(role)).map((n) => ({
    href: n.href,
    text: n.text,
    current: n.href === '/' ? currentPath === '/' : currentPath === n.href || currentPath.startsWith(n.href + '/'),
  }));
}

export function homeCardsFor(role: Role): { href: string; text: string; description: string }[] {
  return NAVIGATION.filter((n) => n.href !== '/' && n.roles.includes(role)).map(({ href, text, description }) => ({ href, text, description }));
}
