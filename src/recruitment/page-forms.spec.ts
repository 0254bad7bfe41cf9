import { AppError } from '../common/errors/app-error';
import { dateFromParts, datePartsOf, formErrors, refusal } from './page-forms';

describe('recruitment page forms', () => {
  it.each([
    [{ 'startOn-day': '6', 'startOn-month': '4', 'startOn-year': '2026' }, '2026-04-06'],
    [{ 'startOn-day': ' 06 ', 'startOn-month': '04', 'startOn-year': '2026' }, '2026-04-06'],
    [{ 'startOn-day': '6', 'startOn-month': '4' }, ''],
    [{ 'startOn-day': 'six', 'startOn-month': '4', 'startOn-year': '2026' }, ''],
    [{ 'startOn-day': '6', 'startOn-month': '4', 'startOn-year': '26' }, ''],
  ])('reads a date from %j as %s', (body, expected) => {
    expect(dateFromParts(body, 'startOn')).toBe(expected);
  });

  it('prefills the three date fields', () => {
    expect(datePartsOf('endOn', '2026-04-06')).toEqual({ 'endOn-day': '6', 'endOn-month': '4', 'endOn-year': '2026' });
    expect(datePartsOf('endOn', null)).toEqual({});
  });

  it('links date errors to the day field and keeps the first error per field', () => {
    const f = formErrors([{ field: 'closesOn', message: 'a' }, { field: 'closesOn', message: 'b' }, { field: 'panel', message: 'c' }], 'x');
    expect(f.errors).toEqual({ closesOn: 'a', panel: 'c' });
    expect(f.errorList).toEqual([{ text: 'a', href: '#closesOn-day' }, { text: 'c', href: '#panel' }]);
  });

  it('shows rule breaks and validation errors on the form, and throws on anything else', () => {
    expect(refusal(AppError.conflict('POSITIONS_FULL', 'Full'), 'offer')).toMatchObject({ status: 409, errors: { offer: 'Full' } });
    expect(refusal(AppError.validation('Bad', [{ field: 'endOn', message: 'Bad date' }]), 'x')).toMatchObject({ status: 422, errors: { endOn: 'Bad date' } });
    expect(refusal(AppError.notFound(), 'x')).toBeNull();
    expect(refusal(new Error('boom'), 'x')).toBeNull();
  });
});
