/*
 * Shared by the benchmark parts: a bare NestJS route in this same process (the floor any
 * request pays: HTTP, Express, Nest routing, JSON), and requests per second under load
 * measured by autocannon in a child process, so the load generator never shares the server's
 * event loop.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

@Controller()
class BareController {
  @Get('bare')
  bare(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** A NestJS app with one route and nothing else, listening on a free port. */
export async function bootBareApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/bare`, close: () => app.close() };
}

export interface Load {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  /** The most this process (the server) held while the load ran. */
  maxRssBytes: number;
}

/** Drives `url` with `connections` connections for `seconds` from autocannon in a child process. */
export async function load(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<Load> {
  const args = [require.resolve('autocannon/autocannon.js'), '-c', String(connections), '-d', String(seconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  let maxRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => (maxRssBytes = Math.max(maxRssBytes, process.memoryUsage().rss)), 100);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon exited ${code}: ${stderr.slice(-500)}`))));
    });
    const r = JSON.parse(out) as { requests: { average: number }; non2xx: number; errors: number };
    return { requestsPerSecond: r.requests.average, non2xx: r.non2xx, errors: r.errors, maxRssBytes };
  } finally {
    clearInterval(sampler);
  }
}

export const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
