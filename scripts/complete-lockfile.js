#!/usr/bin/env node
/*
 * The package registry this project installs from does not serve some platform-specific
 * optional packages (e.g. @swc/core-darwin-arm64), so npm leaves them out of
 * package-lock.json and `npm ci` then refuses the lock file as out of sync. This adds an
 * entry, marked optional and limited to its platform, for each missing optional dependency;
 * npm skips them on other platforms and never downloads them here.
 * Run after `npm install` changes the lock file: node scripts/complete-lockfile.js
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined);
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu === 'wasm32' ? 'wasm32' : cpu] : undefined };
}

let added = 0;
for (const [where, meta] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${where ? where + '/' : ''}node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[nested] || pkgs[top]) continue;
    const { os, cpu } = platformOf(dep);
    if (!os && !cpu) continue; // only platform binaries are filtered by the registry
    pkgs[top] = { version: String(spec).replace(/^[\^~=]/, ''), ...(meta.dev ? { dev: true } : {}), optional: true, ...(os ? { os } : {}), ...(cpu ? { cpu } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform-specific optional entries`);
