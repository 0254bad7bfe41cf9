import { existsSync } from 'node:fs';

/**
 * The Chromium the tests drive: CHROMIUM_PATH when set, else Debian's old headless shell
 * (`apt-get install -y chromium-headless-shell`) when installed, else Debian's Chromium
 * (`apt-get install -y chromium`).
 *
 * The headless shell renders with the same Blink and V8 as Chromium without the browser around
 * them (it is what Playwright itself runs for headless tests): measured on one NHS.UK page, twelve
 * axe-core checks took 10.8-11.7 s of browser CPU in the shell against 21.1-21.6 s in Chromium.
 */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export function chromiumPath(): string {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CANDIDATES;
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`Chromium not found (${candidates.join(', ')}): install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  return found;
}
