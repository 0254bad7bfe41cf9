import type { EntityManager } from 'typeorm';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import type { EnterpriseKind, LocationZone, PrerequisiteSkill } from '../src/enterprises/enterprise.types';
import { ZONE_MINIMUM_LEAVE } from '../src/enterprises/enterprise.types';
import { WorkRole } from '../src/enterprises/work-role.entity';
import type { LeaveLevel } from '../src/patients/leave';
import type { Activity } from '../src/patients/restrictions';
import { demoId } from './demo-ids';
import { DEMO_SITE_ID } from './foundation.seed';
import type { DemoSeed } from './seed';

interface DemoRole {
  title: string;
  duties: string;
  hourlyRatePence: number;
  activities: Activity[];
  prerequisiteSkills?: PrerequisiteSkill[];
  positions: number;
  patientsPerSupervisor: number;
  active?: boolean;
}

interface DemoEnterprise {
  name: string;
  kind: EnterpriseKind;
  businessNeed: string;
  /** key of DEMO_WARDS */
  ward?: string;
  locationZone: LocationZone;
  minimumLeave?: LeaveLevel;
  referenceName: string;
  openingTimes: string;
  /** usernames from DEMO_USERS */
  leads: string[];
  roles: Record<string, DemoRole>;
}

/**
 * Enterprises like those the John Howard Centre (East London NHS FT) set up with patients:
 * each meets a real need of the hospital. Rates are therapeutic earnings, not wages under
 * the National Minimum Wage.
 */
const ENTERPRISES: Record<string, DemoEnterprise> = {
  cafe: {
    name: 'Riverside Café',
    kind: 'CAFE',
    businessNeed: 'Visitors, staff and patients with grounds leave had nowhere on site to buy a hot drink or a light lunch.',
    locationZone: 'GROUNDS',
    referenceName: 'Riverside Community Café',
    openingTimes: 'Monday to Friday, 9:30am to 3:30pm; Saturday for visiting, 1pm to 4pm',
    leads: ['lead'],
    roles: {
      barista: {
        title: 'Barista',
        duties: 'Makes hot drinks, serves customers at the counter, takes payments and keeps the front of house clean.',
        hourlyRatePence: 950,
        activities: ['FOOD_PREPARATION', 'CASH', 'PUBLIC_CONTACT'],
        prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'DEVELOPING' }],
        positions: 4,
        patientsPerSupervisor: 4,
      },
      kitchen: {
        title: 'Kitchen assistant',
        duties: 'Prepares sandwiches, salads and cakes, washes up and follows the kitchen’s food safety checks.',
        hourlyRatePence: 900,
        activities: ['SHARPS', 'FOOD_PREPARATION'],
        prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }],
        positions: 2,
        patientsPerSupervisor: 3,
      },
      'front-of-house': {
        title: 'Front of house assistant',
        duties: 'Greets customers, clears and wipes tables, restocks the counter and helps at the till at busy times.',
        hourlyRatePence: 800,
        activities: ['CASH', 'PUBLIC_CONTACT'],
        positions: 3,
        patientsPerSupervisor: 5,
      },
    },
  },
  shop: {
    name: 'The Hub Shop',
    kind: 'SHOP',
    businessNeed: 'Patients needed toiletries, snacks and stationery without waiting for an escorted trip to the high street.',
    locationZone: 'GROUNDS',
    referenceName: 'Riverside Community Shop',
    openingTimes: 'Monday, Wednesday and Friday, 10am to 2pm',
    leads: ['lead'],
    roles: {
      assistant: {
        title: 'Shop assistant',
        duties: 'Serves customers, takes cash and card payments, balances the till at the end of the shift.',
        hourlyRatePence: 900,
        activities: ['CASH', 'PUBLIC_CONTACT'],
        prerequisiteSkills: [{ skillCode: 'cash-handling', level: 'DEVELOPING' }],
        positions: 3,
        patientsPerSupervisor: 4,
      },
      stock: {
        title: 'Stock assistant',
        duties: 'Unpacks deliveries, checks them against the order, prices and rotates stock on the shelves.',
        hourlyRatePence: 750,
        activities: [],
        positions: 2,
        patientsPerSupervisor: 6,
      },
    },
  },
  garden: {
    name: 'Walled Garden',
    kind: 'HORTICULTURE',
    businessNeed: 'Keeps the courtyards and grounds tidy (work the trust paid a contractor for) and grows salad and herbs for the café.',
    locationZone: 'GROUNDS',
    referenceName: 'Riverside Community Garden',
    openingTimes: 'Tuesday to Thursday, 10am to 3pm, weather permitting',
    leads: [],
    roles: {
      gardener: {
        title: 'Gardener',
        duties: 'Plants, prunes and weeds beds, mows the lawns and looks after the garden tools.',
        hourlyRatePence: 850,
        activities: ['TOOLS', 'SHARPS'],
        prerequisiteSkills: [{ skillCode: 'horticulture', level: 'INTRODUCED' }],
        positions: 4,
        patientsPerSupervisor: 4,
      },
      grounds: {
        title: 'Grounds assistant',
        duties: 'Sweeps paths, clears leaves, empties bins and waters planters around the grounds.',
        hourlyRatePence: 700,
        activities: ['TOOLS'],
        positions: 3,
        patientsPerSupervisor: 5,
      },
      produce: {
        title: 'Produce packer',
        duties: 'Picks, washes and packs salad and herbs for the café kitchen.',
        hourlyRatePence: 650,
        activities: ['FOOD_PREPARATION'],
        positions: 2,
        patientsPerSupervisor: 6,
      },
    },
  },
  valet: {
    name: 'Car Valet',
    kind: 'CAR_VALET',
    businessNeed: 'Cleans staff and visitors’ cars and the trust’s pool vehicles while they are parked on site.',
    locationZone: 'GROUNDS',
    referenceName: 'Riverside Car Valeting',
    openingTimes: 'Monday to Thursday, 9am to 4pm',
    leads: ['lead'],
    roles: {
      valeter: {
        title: 'Car valeter',
        duties: 'Washes and dries cars, cleans interiors with vacuum cleaners and steamers, and checks each car with the customer.',
        hourlyRatePence: 1000,
        activities: ['TOOLS', 'PUBLIC_CONTACT'],
        prerequisiteSkills: [{ skillCode: 'valeting', level: 'INTRODUCED' }],
        positions: 4,
        patientsPerSupervisor: 3,
      },
      senior: {
        title: 'Senior valeter',
        duties: 'Runs a bay: books cars in, takes payment, shows new valeters the routine and checks finished work.',
        hourlyRatePence: 1144,
        activities: ['TOOLS', 'PUBLIC_CONTACT', 'CASH'],
        prerequisiteSkills: [
          { skillCode: 'valeting', level: 'COMPETENT' },
          { skillCode: 'customer-service', level: 'DEVELOPING' },
        ],
        positions: 2,
        patientsPerSupervisor: 4,
      },
    },
  },
  laundry: {
    name: 'Ward Laundry',
    kind: 'LAUNDRY',
    businessNeed: 'Washes and folds patients’ own clothes and ward linen, replacing part of an external laundry contract.',
    ward: 'alder',
    locationZone: 'WARD',
    referenceName: 'Riverside Laundry Services',
    openingTimes: 'Every weekday, 10am to 12 noon',
    leads: [],
    roles: {
      assistant: {
        title: 'Laundry assistant',
        duties: 'Sorts, washes, dries and folds laundry, following the labels and the ward’s infection control rules.',
        hourlyRatePence: 700,
        activities: [],
        positions: 3,
        patientsPerSupervisor: 6,
      },
      runner: {
        title: 'Linen runner',
        duties: 'Collects bags from the ward’s rooms and returns clean linen to the linen cupboard.',
        hourlyRatePence: 600,
        activities: ['LONE_WORKING'],
        positions: 2,
        patientsPerSupervisor: 6,
      },
    },
  },
  post: {
    name: 'Post Round',
    kind: 'POST_ROOM',
    businessNeed: 'Delivers internal post and parcels between wards and departments twice a day.',
    locationZone: 'GROUNDS',
    minimumLeave: 'ESCORTED_GROUNDS',
    referenceName: 'Riverside Mail Services',
    openingTimes: 'Weekdays, rounds at 10am and 2pm',
    leads: [],
    roles: {
      runner: {
        title: 'Post runner',
        duties: 'Walks the post round with a member of staff, signs for parcels and delivers to each department.',
        hourlyRatePence: 800,
        activities: ['PUBLIC_CONTACT'],
        positions: 2,
        patientsPerSupervisor: 3,
      },
      sorter: {
        title: 'Post sorter',
        duties: 'Sorts incoming post into pigeonholes by ward and department.',
        hourlyRatePence: 650,
        activities: [],
        positions: 2,
        patientsPerSupervisor: 6,
      },
      franking: {
        title: 'Franking assistant',
        duties: 'Franks outgoing post and keeps the franking log. Paused until the new franking machine arrives.',
        hourlyRatePence: 650,
        activities: ['TOOLS'],
        positions: 1,
        patientsPerSupervisor: 6,
        active: false,
      },
    },
  },
};

/** Demo enterprise ids by key: cafe, shop, garden, valet, laundry, post. */
export const DEMO_ENTERPRISES: Record<string, string> = Object.fromEntries(Object.keys(ENTERPRISES).map((k) => [k, demoId('enterprise:' + k)]));

/** Demo work role ids by "enterprise.role" key, e.g. DEMO_ROLES['cafe.barista'], for the recruitment seed. */
export const DEMO_ROLES: Record<string, string> = Object.fromEntries(
  Object.entries(ENTERPRISES).flatMap(([e, ent]) => Object.keys(ent.roles).map((r) => [`${e}.${r}`, demoId(`work-role:${e}.${r}`)])),
);

/** Demo enterprises and work roles; `lead` leads the café, the shop and the car valet. */
export const enterprisesSeed: DemoSeed = {
  name: '2026-11-enterprises',
  async run(em: EntityManager, { now }) {
    for (const [key, e] of Object.entries(ENTERPRISES)) {
      const enterpriseId = DEMO_ENTERPRISES[key];
      await em.insert(Enterprise, {
        id: enterpriseId,
        siteId: DEMO_SITE_ID,
        wardId: e.ward ? demoId('ward:' + e.ward) : null,
        name: e.name,
        kind: e.kind,
        businessNeed: e.businessNeed,
        locationZone: e.locationZone,
        minimumLeave: e.minimumLeave ?? ZONE_MINIMUM_LEAVE[e.locationZone],
        referenceName: e.referenceName,
        openingTimes: e.openingTimes,
        status: 'ACTIVE',
        createdAt: now,
        updatedAt: now,
      });
      for (const username of e.leads) await em.insert(EnterpriseLead, { enterpriseId, userId: demoId('user:' + username) });
      for (const [roleKey, r] of Object.entries(e.roles)) {
        await em.insert(WorkRole, {
          id: DEMO_ROLES[`${key}.${roleKey}`],
          enterpriseId,
          title: r.title,
          duties: r.duties,
          hourlyRatePence: r.hourlyRatePence,
          activities: r.activities,
          prerequisiteSkills: r.prerequisiteSkills ?? [],
          positions: r.positions,
          patientsPerSupervisor: r.patientsPerSupervisor,
          active: r.active ?? true,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  },
};
