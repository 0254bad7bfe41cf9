import { minutesToHoursAndMinutes, parseHoursAndMinutes, parsePoundsToPence, parseWholeNumber, penceToPounds } from './form-values';

describe('parsePoundsToPence', () => {
  it.each([
    ['11.44', 1144],
    ['£11.44', 1144],
    [' 11.44 ', 1144],
    ['11.4', 1140],
    ['11', 1100],
    ['0.29', 29],
    ['0.07', 7],
    ['1,144.00', 114400],
    ['195.50', 19550],
    ['0', 0],
  ])('reads %j as %i pence', (text, pence) => {
    expect(parsePoundsToPence(text)).toBe(pence);
  });

  it.each(['', ' ', '-1', '-0.50', '11.444', '11.', '.5', 'eleven', '11,44', '1e3', '£', '11.44p', '1,14.00'])('refuses %j', (text) => {
    expect(parsePoundsToPence(text)).toBeNull();
  });

  it('is exact for every amount of pence up to £100 (no floating point)', () => {
    for (let pence = 0; pence <= 10000; pence++) expect(parsePoundsToPence(penceToPounds(pence))).toBe(pence);
  });
});

describe('penceToPounds', () => {
  it.each([
    [1144, '11.44'],
    [5, '0.05'],
    [0, '0.00'],
    [19550, '195.50'],
    [-250, '-2.50'],
  ])('writes %i pence as %j', (pence, text) => {
    expect(penceToPounds(pence)).toBe(text);
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['0', 0],
  ])('reads %j as %i', (text, n) => {
    expect(parseWholeNumber(text)).toBe(n);
  });

  it.each(['', '3.5', '-1', 'three', '1e2'])('refuses %j', (text) => {
    expect(parseWholeNumber(text)).toBeNull();
  });
});

describe('hours and minutes', () => {
  it.each([
    ['16', 960],
    ['15:59', 959],
    ['0:30', 30],
    [' 8:05 ', 485],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseHoursAndMinutes(text)).toBe(minutes);
  });

  it.each(['', '15:60', '15.5', '15:5', '-1', '16h', 'sixteen'])('refuses %j', (text) => {
    expect(parseHoursAndMinutes(text)).toBeNull();
  });

  it('writes minutes as hours:minutes', () => {
    expect(minutesToHoursAndMinutes(959)).toBe('15:59');
    expect(minutesToHoursAndMinutes(960)).toBe('16:00');
    expect(minutesToHoursAndMinutes(5)).toBe('0:05');
  });
});
