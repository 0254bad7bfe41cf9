import { join } from 'node:path';
import type { Express } from 'express';
import * as nunjucks from 'nunjucks';
import { ROLE_LABELS, type Role } from '../users/roles';
import { navigationFor } from './navigation';
import { projectRoot } from './project-root';

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

function asDate(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Pence as pounds: 19550 -> "£195.50". */
export function formatPence(pence: unknown): string {
  const n = Number(pence);
  if (!Number.isFinite(n)) return '';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(Math.round(n));
  return `${sign}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Templates live beside their modules under src/ and are read from there at run time. */
export function configureNunjucks(express: Express, { watch }: { watch: boolean }): nunjucks.Environment {
  const root = projectRoot();
  const env = nunjucks.configure([join(root, 'src'), join(root, 'node_modules', 'nhsuk-frontend', 'dist')], {
    autoescape: true,
    express,
    noCache: watch,
    throwOnUndefined: false,
  });
  env.addFilter('londonTime', (v: unknown) => {
    const d = asDate(v);
    return d ? LONDON_DATE_TIME.format(d) : '';
  });
  env.addFilter('londonDate', (v: unknown) => {
    const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(v + 'T12:00:00Z') : asDate(v);
    return d ? LONDON_DATE.format(d) : '';
  });
  env.addFilter('pence', formatPence);
  env.addGlobal('roleLabelOf', (role: Role) => ROLE_LABELS[role] ?? role);
  env.addGlobal('navigationFor', navigationFor);
  express.set('view engine', 'njk');
  express.set('views', join(root, 'src'));
  return env;
}
