import type { EntityManager } from 'typeorm';
import { Patient } from '../src/patients/patient.entity';
import { UserWard } from '../src/users/user-ward.entity';
import { User } from '../src/users/user.entity';
import { Site } from '../src/wards/site.entity';
import { Ward } from '../src/wards/ward.entity';
import type { DemoSeed } from './seed';
import { demoId } from './demo-ids';
import { DEMO_USERS } from './demo-users';

export const DEMO_WARDS: Record<string, { name: string; securityLevel: 'MEDIUM' | 'LOW' }> = {
  alder: { name: 'Alder Ward', securityLevel: 'MEDIUM' },
  birch: { name: 'Birch Ward', securityLevel: 'MEDIUM' },
  cedar: { name: 'Cedar Ward', securityLevel: 'MEDIUM' },
  willow: { name: 'Willow Ward', securityLevel: 'LOW' },
};

/** Invented patients; hospital numbers are in a made-up format that no trust uses. */
export const DEMO_PATIENTS: Record<string, { displayName: string; hospitalNumber: string; ward: string }> = {
  p01: { displayName: 'Jamie Reed', hospitalNumber: 'WW-DEMO-0001', ward: 'alder' },
  p02: { displayName: 'Alex Carter', hospitalNumber: 'WW-DEMO-0002', ward: 'alder' },
  p03: { displayName: 'Robin Shaw', hospitalNumber: 'WW-DEMO-0003', ward: 'alder' },
  p04: { displayName: 'Taylor Quinn', hospitalNumber: 'WW-DEMO-0004', ward: 'alder' },
  p05: { displayName: 'Jordan Blake', hospitalNumber: 'WW-DEMO-0005', ward: 'birch' },
  p06: { displayName: 'Morgan Ellis', hospitalNumber: 'WW-DEMO-0006', ward: 'birch' },
  p07: { displayName: 'Riley Hughes', hospitalNumber: 'WW-DEMO-0007', ward: 'birch' },
  p08: { displayName: 'Sam Okafor', hospitalNumber: 'WW-DEMO-0008', ward: 'cedar' },
  p09: { displayName: 'Casey Morgan', hospitalNumber: 'WW-DEMO-0009', ward: 'cedar' },
  p10: { displayName: 'Drew Kowalski', hospitalNumber: 'WW-DEMO-0010', ward: 'cedar' },
  p11: { displayName: 'Charlie Nunez', hospitalNumber: 'WW-DEMO-0011', ward: 'willow' },
  p12: { displayName: 'Frankie Adeyemi', hospitalNumber: 'WW-DEMO-0012', ward: 'willow' },
  p13: { displayName: 'Harper Lindqvist', hospitalNumber: 'WW-DEMO-0013', ward: 'willow' },
  p14: { displayName: 'Jesse Mahmood', hospitalNumber: 'WW-DEMO-0014', ward: 'birch' },
};

export const DEMO_SITE_ID = demoId('site:riverside');

export const foundationSeed: DemoSeed = {
  name: '2026-11-foundation',
  needsPasswords: DEMO_USERS.map((u) => u.username),
  async run(em: EntityManager, { passwordHashes, now }) {
    await em.insert(Site, {
      id: DEMO_SITE_ID,
      name: 'Riverside Secure Unit (demo)',
      defaultWeeklyEarningsCapPence: 19550, // UK permitted work limit from April 2025
      defaultWeeklyHoursCapMinutes: 16 * 60 - 1, // permitted work is under 16 hours a week
      createdAt: now,
    });
    for (const [key, w] of Object.entries(DEMO_WARDS)) {
      await em.insert(Ward, { id: demoId('ward:' + key), siteId: DEMO_SITE_ID, name: w.name, securityLevel: w.securityLevel, active: true, createdAt: now });
    }
    for (const [key, p] of Object.entries(DEMO_PATIENTS)) {
      await em.insert(Patient, { id: demoId('patient:' + key), wardId: demoId('ward:' + p.ward), displayName: p.displayName, hospitalNumber: p.hospitalNumber, status: 'ACTIVE', createdAt: now, updatedAt: now });
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      const id = demoId('user:' + u.username);
      await em.insert(User, {
        id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash: passwordHashes[i],
        active: true,
        patientId: u.patient ? demoId('patient:' + u.patient) : null,
        failedSignIns: 0,
        lockedUntil: null,
        mustChangePassword: false,
        passwordChangedAt: now,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      });
      for (const w of u.wards) await em.insert(UserWard, { userId: id, wardId: demoId('ward:' + w) });
    }
  },
};
