/** NHS Data Dictionary: person stated gender code. */
export const STATED_GENDERS = { '1': 'Male', '2': 'Female', '9': 'Indeterminate', X: 'Not known' } as const;
export type StatedGender = keyof typeof STATED_GENDERS;

/** NHS Data Dictionary: ethnic category (2001 census categories), with their groups. */
export const ETHNIC_CATEGORIES = {
  A: { name: 'White - British', group: 'White' },
  B: { name: 'White - Irish', group: 'White' },
  C: { name: 'White - Any other White background', group: 'White' },
  D: { name: 'Mixed - White and Black Caribbean', group: 'Mixed' },
  E: { name: 'Mixed - White and Black African', group: 'Mixed' },
  F: { name: 'Mixed - White and Asian', group: 'Mixed' },
  G: { name: 'Mixed - Any other mixed background', group: 'Mixed' },
  H: { name: 'Asian or Asian British - Indian', group: 'Asian or Asian British' },
  J: { name: 'Asian or Asian British - Pakistani', group: 'Asian or Asian British' },
  K: { name: 'Asian or Asian British - Bangladeshi', group: 'Asian or Asian British' },
  L: { name: 'Asian or Asian British - Any other Asian background', group: 'Asian or Asian British' },
  M: { name: 'Black or Black British - Caribbean', group: 'Black or Black British' },
  N: { name: 'Black or Black British - African', group: 'Black or Black British' },
  P: { name: 'Black or Black British - Any other Black background', group: 'Black or Black British' },
  R: { name: 'Other Ethnic Groups - Chinese', group: 'Other ethnic groups' },
  S: { name: 'Other Ethnic Groups - Any other ethnic group', group: 'Other ethnic groups' },
  Z: { name: 'Not stated', group: 'Not stated' },
} as const;
export type EthnicCategory = keyof typeof ETHNIC_CATEGORIES;

export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | 'Not known';

/** The age band in the year of `onDate` (a year of birth gives the age to within a year). */
export function ageBand(birthYear: number | null, onDate: string): AgeBand {
  if (birthYear === null) return 'Not known';
  const age = Number(onDate.slice(0, 4)) - birthYear;
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}
