import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['Smith, Jo', '"Smith, Jo"'],
    ['Jo "JJ" Smith', '"Jo ""JJ"" Smith"'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+44 20', "'+44 20"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('escapes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(180)).toBe('180');
    expect(csvField(null)).toBe('');
  });

  it('ends every row, the header included, with CRLF', () => {
    expect(toCsv(['Name', 'Pay'], [['A, B', '12.34'], ['C', '0.05']])).toBe('Name,Pay\r\n"A, B",12.34\r\nC,0.05\r\n');
  });
});
