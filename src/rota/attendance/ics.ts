/**
 * A minimal iCalendar (RFC 5545) writer: CRLF line endings, content lines folded at 75 octets
 * without splitting a UTF-8 character, TEXT values escaped, instants in UTC ("Z").
 */

export interface IcsEvent {
  uid: string;
  startAt: Date;
  endAt: Date;
  summary: string;
  description?: string;
  location?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  lastModifiedAt?: Date;
}

export interface IcsCalendar {
  name: string;
  events: IcsEvent[];
  /** DTSTAMP of every event: when the feed was generated. */
  generatedAt: Date;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** 2026-03-29T01:00:00.000Z -> 20260329T010000Z */
export function icsUtc(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line (RFC 5545 3.1): no line longer than 75 octets excluding the CRLF; each
 * continuation starts with one space, which counts towards its 75.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF + ' ');
}

export function icsCalendar(cal: IcsCalendar): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//WardWorks//Rota//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeIcsText(cal.name)}`];
  for (const e of cal.events) {
    lines.push('BEGIN:VEVENT');
    lines.push(`UID:${e.uid}`);
    lines.push(`DTSTAMP:${icsUtc(cal.generatedAt)}`);
    lines.push(`DTSTART:${icsUtc(e.startAt)}`);
    lines.push(`DTEND:${icsUtc(e.endAt)}`);
    lines.push(`SUMMARY:${escapeIcsText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeIcsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeIcsText(e.location)}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    if (e.lastModifiedAt) lines.push(`LAST-MODIFIED:${icsUtc(e.lastModifiedAt)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
