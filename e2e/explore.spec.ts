import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { INDEX_COLOURS } from '../src/view/palette.ts';
import { expect, loadScreenshot, test, type Screenshot } from './fixtures.ts';

interface BasinCounts {
  index: number[];
  average: number;
  other: number;
}

async function basinCounts(page: Page): Promise<BasinCounts> {
  const map = page.getByTestId('basin-map');
  // the map is computed once it is scrolled into view
  await map.scrollIntoViewIfNeeded();
  await expect(map).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  return JSON.parse((await map.getAttribute('data-counts')) ?? 'null');
}

/** How many screenshot pixels lie near each given colour, decoded in the page. */
async function pixelsNear(el: Locator, page: Page, colours: string[]): Promise<number[]> {
  await loadScreenshot(page, el);
  return page.evaluate((colours) => {
    const d = (window as unknown as { screenshot: Screenshot }).screenshot.data;
    const targets = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const hits = colours.map(() => 0);
    for (let i = 0; i < d.length; i += 4) {
      targets.forEach((t, j) => {
        if (Math.abs(d[i] - t[0]) + Math.abs(d[i + 1] - t[1]) + Math.abs(d[i + 2] - t[2]) < 30) hits[j]++;
      });
    }
    return hits;
  }, colours);
}

async function fill(card: Locator, values: Record<string, string>) {
  for (const [name, v] of Object.entries(values)) await card.locator(`input[name="${name}"]`).fill(v);
}

async function expectFinished(card: Locator) {
  const progress = card.getByTestId('sweep-progress');
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 30_000 });
  const [value, max] = await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max]);
  expect(max).toBeGreaterThan(1);
  expect(value).toBe(max);
}

test('the basin map paints the sphere in the palette, and its average basin appears across β_c', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3');
  const below = await basinCounts(page);
  const total = below.index.reduce((a, b) => a + b, 0) + below.average + below.other;
  expect(total).toBeGreaterThanOrEqual(10000);
  expect(below.average).toBe(0);
  for (const c of below.index) expect(c / total).toBeGreaterThan(0.25);
  const map = page.getByTestId('basin-map');
  // the three index colours of the main view's palette are all on screen
  const hits = await pixelsNear(map.locator('canvas'), page, INDEX_COLOURS.slice(0, 3));
  for (const h of hits) expect(h).toBeGreaterThan(500);
  await expect(page.getByRole('list', { name: 'basin map legend' })).toContainText('average w̄');

  await page.goto('./?beta=0.3&k=3&p=3');
  const above = await basinCounts(page);
  expect(above.average).toBeGreaterThan(0);
  const white = await pixelsNear(map.locator('canvas'), page, ['#ffffff']);
  expect(white[0]).toBeGreaterThan(500);
});

test('a small β sweep runs to the end with a live plot and reruns from the cache', async ({ page }) => {
  // a short main run, so that afterwards the page's thread does only the sweep's work
  await page.goto('./?beta=0.2&k=3&p=3&n=50&T=2');
  await expect(page.locator('.readout.time')).toContainText('(end)', { timeout: 30_000 });
  await basinCounts(page);
  const card = page.getByTestId('sweep-beta');
  await fill(card, { from: '0.1', to: '0.4', points: '4', trials: '2', n: '30' });
  await card.getByRole('button', { name: 'Run' }).click();
  await expectFinished(card);
  const plot = card.getByTestId('sweep-beta-chart');
  await expect(plot).toHaveAttribute('aria-label', /4 of 4 points/);
  await expect(plot).toHaveAttribute('aria-label', /β_c = 0\.250/);
  // the theme's colours of the series: foreground (at average) and --minimum (recovered)
  const theme = await page.evaluate(() => ['--fg', '--minimum'].map((v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim()));
  const plotted = await pixelsNear(plot, page, theme);
  expect(plotted[0]).toBeGreaterThan(20);
  expect(plotted[1]).toBeGreaterThan(20);

  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'CSV' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const all = Buffer.concat(text).toString('utf8').trim().split('\n');
  // the configuration header, then the table
  expect(all[0]).toBe('# sweep=beta');
  const lines = all.filter((l) => !l.startsWith('#'));
  expect(lines[0]).toMatch(/^beta,trials,n,recoveredFraction/);
  expect(lines).toHaveLength(5);

  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('from the cache');
  await expectFinished(card);
});

test('cancel stops a long sweep part-way', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3');
  const card = page.getByTestId('sweep-coupon');
  await fill(card, { trials: '1000', upTo: '10' });
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('running');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.locator('.explore-status')).toContainText('cancelled');
  const [value, max] = await card.getByTestId('sweep-progress').evaluate((p: HTMLProgressElement) => [p.value, p.max]);
  expect(value).toBeLessThan(max);
  await expect(card.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  // a bad value is clamped and said so
  await fill(card, { trials: '0', upTo: '2' });
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-notes')).toContainText('trials: 0 is outside 1…1000');
  await expectFinished(card);
});

test('the explore panel has no serious accessibility problems, in the dark theme and then the light one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./?beta=0.2&k=3&p=3');
  await basinCounts(page);
  const card = page.getByTestId('sweep-escape');
  await card.getByRole('button', { name: 'Run' }).click();
  await expectFinished(card);
  // one finished panel, checked in each theme (the theme button recolours it in place)
  for (const scheme of ['dark', 'light'] as const) {
    if (scheme === 'light') await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const result = await new AxeBuilder({ page }).include('.explore-panel').analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${scheme} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
    expect(bad).toEqual([]);
  }
});
