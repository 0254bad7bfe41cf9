import AxeBuilder from '@axe-core/playwright';
import { source as axeSource, type Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the NHS service standard asks for WCAG 2.2 AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The axe-core violations of WCAG_TAGS on the page as it is now.
 *
 * axe-core runs inside the page: injected once, then axe.run on the document, the rules and
 * results @axe-core/playwright gives. Its default mode also injects axe-core into an extra blank
 * page per run to merge the results of cross-origin frames, and its legacy mode configures every
 * frame first; measured on five WardWorks pages, three rounds, that cost 8.2 s (default) and
 * 6.8 s (legacy) of Chromium CPU against 5.5 s here. A page with frames (none today) still goes
 * through @axe-core/playwright, so that its frames are checked too.
 */
export async function axeRun(page: Page): Promise<Result[]> {
  if (page.frames().length > 1) return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze()).violations;
  await page.evaluate(axeSource);
  return page.evaluate(
    (tags) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
    WCAG_TAGS,
  );
}
