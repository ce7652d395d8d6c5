// The app after one visit, with the network gone: served from a host at a sub-path that the
// test shuts down (Playwright's offline switch does not cover the service worker's own
// fetches), then reloaded: the view draws, the flow runs, other permalinks, the tour and a
// sweep all work from the cache. And a new deployment is announced, and taken on request.
import type { Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OUT_DIR } from '../playwright.config.ts';
import { expect, loadScreenshot, simTime, test, waitForEnd, type Screenshot } from './fixtures.ts';
import { startStaticHost, type StaticHost } from './staticHost.ts';

const BUILD = fileURLToPath(new URL(`../${OUT_DIR}/`, import.meta.url));

// the config blocks service workers for speed; these tests are about it
test.use({ serviceWorkers: 'allow' });

/** Share of the canvas's pixels that differ from its corner (the background). */
async function drawnFraction(page: Page): Promise<number> {
  await loadScreenshot(page, page.locator('[data-testid=flow-canvas] canvas').first());
  return page.evaluate(() => {
    const { width, height, data: d } = (window as unknown as { screenshot: Screenshot }).screenshot;
    let drawn = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) drawn++;
    return drawn / (width * height);
  });
}

/** First visit: load, and wait until the service worker has cached everything and is active. */
async function visitOnce(page: Page, host: StaticHost, query: string) {
  await page.goto(`${host.url}?${query}`);
  await expect(page.getByTestId('pwa-offline-ready')).toContainText('Ready to work offline');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

test('the service worker precaches every file of the build but the unused font formats', async () => {
  const sw = await readFile(`${BUILD}sw.js`, 'utf8');
  const cached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
  const files = (await readdir(BUILD, { recursive: true, withFileTypes: true })).filter((f) => f.isFile()).map((f) => `${f.parentPath.slice(BUILD.length)}${f.parentPath.length > BUILD.length ? '/' : ''}${f.name}`.replace(/^\//, ''));
  // woff/ttf: KaTeX lists woff2 first; sw.js and its Workbox runtime are the worker itself; _headers is for the host
  const needed = files.filter((f) => !/\.(woff|ttf)$/.test(f) && !/^(sw\.js|workbox-[\w-]+\.js|_headers)$/.test(f));
  expect(needed.filter((f) => !cached.has(f))).toEqual([]);
  // the flow worker, its SGD part workers' code and the explore pool's
  expect(needed.filter((f) => /worker.*\.js$/.test(f))).toHaveLength(3);
  expect(needed.filter((f) => /KaTeX.*\.woff2$/.test(f)).length).toBeGreaterThan(15);
  expect(cached.size).toBe(needed.length);
});

let host: StaticHost;
test.beforeEach(async () => {
  host = await startStaticHost(BUILD);
});
test.afterEach(async () => {
  await host.close();
});

test('after one visit the app, other permalinks, the tour and a sweep work with the host gone', async ({ page, context }) => {
  await visitOnce(page, host, 'k=3&beta=0.2&n=200&T=3&speed=4');
  // the host goes away (that covers the service worker's own fetches), and the page is offline
  await host.close();
  await context.setOffline(true);
  const before = host.served.length;

  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await waitForEnd(page);
  expect(await drawnFraction(page)).toBeGreaterThan(0.15);

  // a different permalink, typed into the address bar: the flow advances from t = 0
  await page.goto(`${host.url}?k=4&beta=0.1&n=80&d=500&seed=5`);
  await expect(page.locator('.vector-label')).toHaveText(['v₁', 'v₂', 'v₃', 'v₄']);
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  const t1 = await simTime(page);
  await expect.poll(() => simTime(page)).toBeGreaterThan(t1 * 1.5);
  expect(await drawnFraction(page)).toBeGreaterThan(0.15);

  // the tour opens, with its formulas typeset in KaTeX's own fonts
  await page.locator('button[name=tour-start]').click();
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '1');
  await page.getByTestId('formulas').locator('summary').click();
  await expect(page.getByTestId('formula-beta-c')).toBeVisible();
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const katex = [...document.fonts].filter((f) => f.family.includes('KaTeX'));
    return { loaded: katex.filter((f) => f.status === 'loaded').length, failed: katex.filter((f) => f.status === 'error').length };
  });
  expect(fonts.loaded).toBeGreaterThan(0);
  expect(fonts.failed).toBe(0);
  await page.locator('button[name=tour-close]').click();

  // a β sweep in the explore panel's worker pool
  const card = page.getByTestId('sweep-beta');
  await card.scrollIntoViewIfNeeded();
  for (const [name, v] of Object.entries({ from: '0.1', to: '0.4', points: '4', trials: '2', n: '30' })) await card.locator(`input[name="${name}"]`).fill(v);
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 30_000 });
  await expect(card.getByRole('img')).toHaveAttribute('aria-label', /4 of 4 points/);

  // nothing reached the (closed) host: every file came from the service worker's cache
  expect(host.served.length).toBe(before);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});

test('a new deployment is announced, and the page takes it only when asked', async ({ page }) => {
  await visitOnce(page, host, 'k=3&n=50&T=1&speed=4');
  await page.reload();
  await waitForEnd(page);
  await expect(page.getByTestId('pwa-update')).toHaveCount(0);

  // "deploy" a new build: any change to sw.js is a new version to the browser
  host.replace('sw.js', `${await readFile(`${BUILD}sw.js`, 'utf8')}\n// next build\n`);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
  const prompt = page.getByTestId('pwa-update');
  await expect(prompt).toContainText('A new version of Flowsphere is ready');
  // until asked, the old version keeps running the page
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);

  const reloaded = page.waitForEvent('load');
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await expect(page.getByTestId('pwa-update')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting === null && r?.active !== null))).toBe(true);
  await waitForEnd(page);
});

test('on a host with a very long sub-path, a long link lives in the hash and is copied in that form', async ({ page, context }) => {
  const deep = await startStaticHost(BUILD, `/${'lecture/'.repeat(470)}`);
  try {
    // a k = 16 custom Gram matrix near equicorrelation 0.1 (PSD), with long decimals
    const k = 16;
    const gram = Array.from({ length: k * k }, (_, m) => {
      const [i, j] = [Math.floor(m / k), m % k];
      return i === j ? 1 : 0.1 + 0.004 * Math.sin(i * j + i + j + 1);
    });
    await page.goto(`${deep.url}#k=${k}&geom=gram&gram=${gram.join(',')}&n=40&T=1&speed=4`);
    await waitForEnd(page);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v=\d+&k=16&.*&gram=u\./);
    expect(await page.evaluate(() => location.search)).toBe('');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('button[name=copylink]').click();
    await expect(page.getByTestId('share-status')).toContainText('in its #… form: as a query');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${deep.url}#v=`)).toBe(true);
    expect(copied.length).toBeGreaterThan(4096);
    // a short link on the same host stays a query
    await page.goto(`${deep.url}?k=3&n=40&T=1&speed=4`);
    await waitForEnd(page);
    await expect.poll(() => page.evaluate(() => location.search)).toMatch(/^\?v=/);
  } finally {
    await deep.close();
  }
});
