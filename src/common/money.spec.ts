import { hoursToMinutes, penceToPounds, poundsToPence } from './money';

describe('money and hours from forms', () => {
  it.each([
    ['11.44', 1144],
    ['£195.50', 19550],
    ['1,144', 114400],
    ['0.1', 10],
    ['7', 700],
    ['0.29', 29],
  ])('poundsToPence(%s) = %d exactly', (input, pence) => expect(poundsToPence(input)).toBe(pence));

  it.each(['', 'abc', '1.234', '-5', '1e3'])('rejects %j', (input) => expect(poundsToPence(input)).toBeNaN());

  it('converts hours to minutes and pence back to pounds', () => {
    expect(hoursToMinutes('15.5')).toBe(930);
    expect(hoursToMinutes('15:59')).toBe(959);
    expect(hoursToMinutes('x')).toBeNaN();
    expect(penceToPounds(19550)).toBe('195.50');
    expect(penceToPounds(5)).toBe('0.05');
  });
});
