import { escapeIcsText, foldIcsLine, icsCalendar, icsUtc } from './ics';

describe('iCalendar writer (RFC 5545)', () => {
  it('writes instants in UTC with a Z', () => {
    expect(icsUtc(new Date('2026-03-29T01:00:00.000Z'))).toBe('20260329T010000Z');
    expect(icsUtc(new Date('2026-11-24T23:59:59.999Z'))).toBe('20261124T235959Z');
  });

  it.each([
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\nline two\r\nthree', 'line one\\nline two\\nthree'],
    ['plain', 'plain'],
  ])('escapes TEXT %j as %j', (input, expected) => {
    expect(escapeIcsText(input)).toBe(expected);
  });

  it('leaves a line of 75 octets alone and folds the 76th onto a continuation line starting with a space', () => {
    const exact = 'X'.repeat(75);
    expect(foldIcsLine(exact)).toBe(exact);
    const folded = foldIcsLine('Y'.repeat(76));
    expect(folded).toBe('Y'.repeat(75) + '\r\n Y');
  });

  it('keeps every folded line within 75 octets and never splits a UTF-8 character', () => {
    const line = 'SUMMARY:' + 'Café £ – ☕ '.repeat(30);
    const folded = foldIcsLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, p] of physical.entries()) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
    }
    // unfolding (remove CRLF + one space) gives the original back, character for character
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(physical.every((p) => !p.includes('\uFFFD'))).toBe(true);
  });

  it('writes a calendar with CRLF line endings, one VEVENT per event with UID, DTSTAMP, DTSTART and DTEND', () => {
    const ics = icsCalendar({
      name: 'My shifts',
      generatedAt: new Date('2026-11-24T09:00:00Z'),
      events: [
        { uid: 'assignment-1@wardworks', startAt: new Date('2026-11-25T10:00:00Z'), endAt: new Date('2026-11-25T13:00:00Z'), summary: 'Barista, Community Café', status: 'CONFIRMED', description: 'With Sam' },
        { uid: 'assignment-2@wardworks', startAt: new Date('2026-11-26T10:00:00Z'), endAt: new Date('2026-11-26T13:00:00Z'), summary: 'Barista', status: 'TENTATIVE', location: 'Main hall' },
      ],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//WardWorks//Rota//EN']);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toEqual(expect.arrayContaining(['UID:assignment-1@wardworks', 'DTSTAMP:20261124T090000Z', 'DTSTART:20261125T100000Z', 'DTEND:20261125T130000Z', 'SUMMARY:Barista\\, Community Café', 'STATUS:TENTATIVE', 'LOCATION:Main hall', 'DESCRIPTION:With Sam']));
  });
});
