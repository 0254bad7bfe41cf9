/**
 * Password policy after NCSC guidance ("Password administration for system owners"): a
 * minimum length, a deny-list of the most common passwords, no forced complexity rules and
 * no expiry. Three random words make a good password.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

// The most common leaked passwords of 12+ characters and obvious service words.
const DENY_LIST = new Set([
  'password1234', 'password12345', 'password123456', '123456789012', '1234567890123', 'qwertyuiop12', 'qwertyuiop123',
  'iloveyou1234', 'passwordpassword', 'qwerty123456', '111111111111', '000000000000', 'abcdefghijkl', 'abc123456789',
  'letmein12345', 'welcome12345', 'welcome123456', 'administrator', 'administrator1', 'changeme1234', 'trustno11234',
  'football1234', 'princess1234', 'sunshine1234', 'monkey123456', 'dragon123456', 'baseball1234', 'starwars1234',
  'whatever1234', 'superman1234', 'masterkey123', 'correcthorsebatterystaple', 'qwertyqwerty', 'asdfghjkl123',
  'zxcvbnm12345', '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'nhspassword1', 'nhspassword123', 'hospital1234', 'wardworks123',
  'password2024', 'password2025', 'password2026', 'summer202526', 'winter2026!!', 'p@ssw0rd1234', 'p@ssword1234',
]);

export interface PolicyResult {
  ok: boolean;
  problems: string[];
}

export function checkPassword(password: string, context: { username?: string; displayName?: string } = {}): PolicyResult {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters (three random words work well)`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`Use at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (DENY_LIST.has(lower)) problems.push('This password is too common; choose another');
  else if (/^(.)\1+$/.test(password)) problems.push('Do not repeat one character');
  else if (/^(0123456789|1234567890|abcdefghijklmnopqrstuvwxyz)+/.test(lower) && new Set(lower).size < 8) problems.push('Do not use a simple sequence');
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) problems.push('Do not include your username');
  return { ok: problems.length === 0, problems };
}
