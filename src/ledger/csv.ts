/**
 * CSV (RFC 4180): fields with a comma, quote or line break are quoted and quotes doubled; rows
 * end in CRLF. Text a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * apostrophe (OWASP CSV injection). Numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
