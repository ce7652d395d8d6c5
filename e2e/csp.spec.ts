// The Content Security Policy of the built app: present in index.html (and the same in the
// generated _headers file), strict on scripts, and never violated by the app itself on the
// default page, the tour, the explore panel, an import or embed mode.
import type { Page } from '@playwright/test';
import { expect, simTime, slider, test } from './fixtures.ts';

// the service worker's registration and its fetches are part of what the policy governs
test.use({ serviceWorkers: 'allow' });

interface Violation {
  directive: string;
  blocked: string;
}

/** Records every securitypolicyviolation event of every document the page loads. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: Violation[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
}

const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? null;

test('index.html carries the policy, and the _headers file gives hosts the same one', async ({ page }) => {
  const html = await (await page.request.get('./')).text();
  const policy = policyOf(html);
  expect(policy).not.toBeNull();
  const directives = new Map(policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('worker-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  // WebAssembly may compile; JavaScript eval and inline scripts may not
  expect(policy).not.toMatch(/(?<!wasm-)unsafe-eval|script-src[^;]*unsafe-inline/);
  // the meta tag comes before anything it must govern
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const headers = await (await page.request.get('./_headers')).text();
  expect(headers).toContain(`Content-Security-Policy: ${policy}`);
});

test('the watcher sees a violation when there is one', async ({ page, errors }) => {
  const violations = await watchViolations(page);
  await page.goto('./?T=0.5');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(violations).toContainEqual({ directive: 'script-src-elem', blocked: 'inline' });
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  // the browser's own report of it is expected here, not a fault of the app
  errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('Content Security Policy')));
});

test('no violations on the default page, the tour, the explore panel, an import and embed mode', async ({ page }) => {
  const violations = await watchViolations(page);

  await page.goto('./?beta=0.2&k=3&p=3');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  await page.getByTestId('formulas').locator('summary').click();
  await expect(page.getByTestId('formula-beta-c')).toBeVisible();
  expect(await violations()).toEqual([]);

  const map = page.getByTestId('basin-map');
  await map.scrollIntoViewIfNeeded();
  await expect(map).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const card = page.getByTestId('sweep-escape');
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 30_000 });
  expect(await violations()).toEqual([]);

  await page.locator('button[name=tour-start]').click();
  for (let i = 1; i <= 3; i++) {
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(i));
    await page.locator('button[name=tour-next]').click();
  }
  await page.locator('button[name=tour-close]').click();
  expect(await violations()).toEqual([]);

  await page.locator('input[type=file][name=importconfig]').setInputFiles({
    name: 'config.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'flowsphere-config', query: 'k=5&beta=0.1&n=60' })),
  });
  await expect(slider(page, 'k')).toHaveValue('5');
  // exports build blob: URLs and PNG data
  const download = page.waitForEvent('download');
  await page.locator('button[name=exportpng]').click();
  await download;
  expect(await violations()).toEqual([]);

  await page.goto('./?embed=1&k=3&n=80');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations()).toEqual([]);
});
