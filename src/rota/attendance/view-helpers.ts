import { londonTimeOfDay } from '../../recruitment/london-time';
import { durationText } from './attendance-rules';

/** Functions the attendance templates call: UK clock times and durations in words. */
export const viewHelpers = {
  clock: (at: Date | string | null | undefined): string => (at ? londonTimeOfDay(new Date(at)) : ''),
  duration: durationText,
};
