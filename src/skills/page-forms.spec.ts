import { AppError } from '../common/errors/app-error';
import { dateFromParts, logFormErrors, refusal, safeReturn, toFormErrors } from './page-forms';

describe('safeReturn (where a decision form may send the browser back to)', () => {
  const id = '3a9dadaf-e0c7-4f5f-8602-65d9e55abb2e';
  it.each([
    ['/skills/verification', '/skills/verification'],
    ['/skills/verification?page=3', '/skills/verification?page=3'],
    [`/patients/${id}/skills`, `/patients/${id}/skills`],
    ['https://evil.example/', '/skills/verification'],
    ['//evil.example/skills/verification', '/skills/verification'],
    ['/skills/verification/../../admin', '/skills/verification'],
    [`/patients/${id}/skills?x=1`, '/skills/verification'],
    ['', '/skills/verification'],
  ])('%s -> %s', (given, expected) => expect(safeReturn(given, '/skills/verification')).toBe(expected));
});

describe('dateFromParts', () => {
  it.each([
    [{ 'd-day': '6', 'd-month': '4', 'd-year': '2026' }, '2026-04-06'],
    [{ 'd-day': ' 16 ', 'd-month': '11', 'd-year': '2026' }, '2026-11-16'],
    [{ 'd-day': '6', 'd-month': '4' }, ''],
    [{ 'd-day': 'six', 'd-month': '4', 'd-year': '2026' }, ''],
    [{ 'd-day': '6', 'd-month': '4', 'd-year': '26' }, ''],
  ])('%j -> %s', (body, expected) => expect(dateFromParts(body, 'd')).toBe(expected));
});

describe('logFormErrors', () => {
  it.each([
    [{ occurredOn: '' }, {}, { occurredOn: 'Enter the date as a day, month and year' }],
    [{ occurredOn: '2026-02-30' }, {}, { occurredOn: 'The date must be a real date' }],
    [{ occurredOn: '2026-02-28' }, { skillId: 'x', level: 'y' }, { skillId: 'Choose the skill', level: 'Choose the level' }],
    [{ occurredOn: '2026-02-28' }, { evidence: 'Describe the evidence' }, { evidence: 'Describe the evidence' }],
    [{ occurredOn: '2026-02-28' }, {}, {}],
  ])('%j with %j', (input, validation, expected) => expect(logFormErrors(input, validation)).toEqual(expected));
});

describe('toFormErrors and refusal', () => {
  it('links a date error to the day field and other errors to the field', () => {
    expect(toFormErrors({ occurredOn: 'a', skillId: 'b' }, ['occurredOn']).errorList).toEqual([
      { text: 'a', href: '#occurredOn-day' },
      { text: 'b', href: '#skillId' },
    ]);
  });
  it('turns 409 and 422 into messages, and throws on anything else', () => {
    expect(refusal(AppError.conflict('SKILL_INACTIVE', 'Out of use', [{ field: 'skillId', message: 'Out of use' }]), 'x')).toMatchObject({ status: 409, errors: { skillId: 'Out of use' } });
    expect(refusal(new AppError('FOUR_EYES', 'You made it', 403), 'x')).toBeNull();
    expect(refusal(AppError.notFound(), 'x')).toBeNull();
    expect(refusal(new Error('boom'), 'x')).toBeNull();
    expect(refusal(AppError.validation('Bad'), 'comment')).toMatchObject({ status: 422, errors: { comment: 'Bad' } });
  });
});
