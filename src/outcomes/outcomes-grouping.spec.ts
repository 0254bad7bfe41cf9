import { workByGroup, type PatientTotals } from './outcomes.repository';

const patient = (k: string | null, t: Partial<PatientTotals>): PatientTotals & { k: string | null } => ({
  k,
  shifts: 0,
  attended: 0,
  late: 0,
  absent: 0,
  cancelled: 0,
  minutes: 0,
  payPence: 0,
  attendedPay: 0,
  weeks: 0,
  ...t,
});

describe('work by group from each patient-in-group total', () => {
  it('adds up each group from rows in any order, keeping records of no group as a group of their own', () => {
    const rows = [
      patient('site-a', { shifts: 3, attended: 2, late: 1, absent: 1, minutes: 120, payPence: 1500, attendedPay: 1500, weeks: 2 }),
      patient('site-b', { shifts: 2, cancelled: 2 }), // only cancelled shifts: neither a worker nor a person with work
      patient(null, { shifts: 1, absent: 1 }),
      patient('site-a', { shifts: 1, attended: 1, minutes: 60, payPence: 700, attendedPay: 700, weeks: 1 }),
      patient('site-b', { shifts: 4, attended: 3, cancelled: 1, minutes: 180, payPence: 2100, attendedPay: 2100, weeks: 3 }),
    ];
    const { work, workerPay } = workByGroup(rows);
    expect(work).toEqual([
      { k: 'site-a', attended: 3, late: 1, absent: 1, cancelled: 0, minutes: 180, payPence: 2200, workers: 2, people: 2 },
      { k: 'site-b', attended: 3, late: 0, absent: 0, cancelled: 3, minutes: 180, payPence: 2100, workers: 1, people: 1 },
      { k: null, attended: 0, late: 0, absent: 1, cancelled: 0, minutes: 0, payPence: 0, workers: 0, people: 1 },
    ]);
    expect(workerPay).toEqual([
      { k: 'site-a', payPence: 1500, weeks: 2 },
      { k: 'site-a', payPence: 700, weeks: 1 },
      { k: 'site-b', payPence: 2100, weeks: 3 },
    ]);
  });

  it('counts every patient of a large group once (2,000 workers on one site)', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => patient(i % 2 ? 'site-a' : 'site-b', { shifts: 2, attended: 1, absent: 1, minutes: 60, payPence: 100 + i, attendedPay: 100 + i, weeks: 1 }));
    const { work, workerPay } = workByGroup(rows);
    expect(work.map((w) => [w.k, w.workers, w.people, w.attended, w.absent])).toEqual([
      ['site-b', 1000, 1000, 1000, 1000],
      ['site-a', 1000, 1000, 1000, 1000],
    ]);
    expect(work.reduce((s, w) => s + w.payPence, 0)).toBe(rows.reduce((s, r) => s + r.payPence, 0));
    expect(workerPay).toHaveLength(2000);
  });
});
