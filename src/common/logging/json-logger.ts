import { LoggerService } from '@nestjs/common';
import { currentContext } from '../request-context';

const LEVELS = { debug: 10, verbose: 10, info: 20, log: 20, warn: 30, error: 40, fatal: 50, silent: 100 } as const;
type Level = keyof typeof LEVELS;

/**
 * Structured JSON logs, one object per line, with the request id. Callers pass route
 * patterns, codes and ids of staff actions -- never a patient's name or hospital number.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level = 'info') {}

  private write(level: Level, message: unknown, context?: string, extra?: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    const ctx = currentContext();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: level === 'log' ? 'info' : level,
      ...(context ? { context } : {}),
      ...(ctx?.requestId ? { requestId: ctx.requestId } : {}),
      msg: typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message),
      ...extra,
    };
    const line = JSON.stringify(entry) + '\n';
    if (LEVELS[level] >= LEVELS.warn) process.stderr.write(line);
    else process.stdout.write(line);
  }

  /** For code that has structured fields to add (request logs). */
  event(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>): void {
    this.write(level, msg, undefined, fields);
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    this.write('error', message, context ?? traceOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }
}

export const LOGGER = Symbol('LOGGER');
