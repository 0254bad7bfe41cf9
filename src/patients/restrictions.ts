export const RESTRICTIONS = ['NO_SHARPS', 'NO_CASH_HANDLING', 'NO_LONE_WORKING', 'NO_PUBLIC_CONTACT', 'NO_TOOLS', 'NO_FOOD_PREPARATION'] as const;
export type RestrictionCode = (typeof RESTRICTIONS)[number];

export const ACTIVITIES = ['SHARPS', 'CASH', 'PUBLIC_CONTACT', 'LONE_WORKING', 'TOOLS', 'FOOD_PREPARATION'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Which work activity each clinical restriction rules out. */
export const RESTRICTION_BLOCKS: Record<RestrictionCode, Activity> = {
  NO_SHARPS: 'SHARPS',
  NO_CASH_HANDLING: 'CASH',
  NO_LONE_WORKING: 'LONE_WORKING',
  NO_PUBLIC_CONTACT: 'PUBLIC_CONTACT',
  NO_TOOLS: 'TOOLS',
  NO_FOOD_PREPARATION: 'FOOD_PREPARATION',
};

export const RESTRICTION_LABELS: Record<RestrictionCode, string> = {
  NO_SHARPS: 'No sharps',
  NO_CASH_HANDLING: 'No cash handling',
  NO_LONE_WORKING: 'No lone working',
  NO_PUBLIC_CONTACT: 'No public contact',
  NO_TOOLS: 'No tools',
  NO_FOOD_PREPARATION: 'No food preparation',
};

export const ACTIVITY_LABELS: Record<Activity, string> = {
  SHARPS: 'Sharps (knives, blades)',
  CASH: 'Cash handling',
  PUBLIC_CONTACT: 'Contact with the public',
  LONE_WORKING: 'Lone working',
  TOOLS: 'Tools',
  FOOD_PREPARATION: 'Food preparation',
};

/** The restrictions that meet a role's activities: the conflicts staff must see. */
export function restrictionConflicts(restrictions: readonly RestrictionCode[], activities: readonly Activity[]): RestrictionCode[] {
  return [...new Set(restrictions)].filter((r) => activities.includes(RESTRICTION_BLOCKS[r])).sort();
}
