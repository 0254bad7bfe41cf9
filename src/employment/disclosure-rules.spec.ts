import type { DisclosureChoice } from './employment.types';
import { hospitalNamedForEmployer } from './disclosure-rules';

describe('hospitalNamedForEmployer: references for an employer follow the disclosure choice', () => {
  it.each([
    [false, null, false],
    [true, null, true],
    [true, 'NOTHING', false],
    [true, 'HEALTH_CONDITION', false],
    [false, 'HEALTH_AND_HOSPITAL', true],
  ] as [boolean, DisclosureChoice | null, boolean][])('general choice %p, disclosure %p -> named %p', (general, choice, named) => {
    expect(hospitalNamedForEmployer(general, choice)).toBe(named);
  });
});
