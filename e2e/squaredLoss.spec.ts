// The squared loss in the app: a link with loss=mse runs the coupled flow in the worker and ends
// with the counts the command line prints for the same link; the split view (compare=…) runs two
// workers on one clock; too many neurons for the squared loss are refused with a message.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { cliFlow, expect, loadScreenshot, jumpToEnd, outcomeCounts, test, waitForEnd, type Screenshot } from './fixtures.ts';

/** Share of a canvas's pixels that differ from its corner's colour. */
async function foreground(page: Page, canvas: Locator): Promise<number> {
  await loadScreenshot(page, canvas);
  return page.evaluate(() => {
    const { width, height, data: d } = (window as unknown as { screenshot: Screenshot }).screenshot;
    let fg = 0;
    for (let i = 0; i < width * height * 4; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) fg++;
    return fg / (width * height);
  });
}

/** A coarse 16×16 brightness signature of a canvas, to tell whether its picture changed. */
async function signature(page: Page, canvas: Locator): Promise<number[]> {
  await loadScreenshot(page, canvas);
  return page.evaluate(() => {
    const G = 16;
    const { width, height, data: d } = (window as unknown as { screenshot: Screenshot }).screenshot;
    const grid = new Array(G * G).fill(0);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        grid[Math.floor((y / height) * G) * G + Math.floor((x / width) * G)] += d[i] + d[i + 1] + d[i + 2];
      }
    }
    return grid;
  });
}

const distance = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / Math.max(1, a.reduce((s, x) => s + x, 0));

const paneCounts = async (page: Page, side: 'left' | 'right') => {
  const raw = await page.getByTestId(`pane-${side}`).getAttribute('data-counts');
  return raw ? JSON.parse(raw) : null;
};
const paneTime = async (page: Page, side: 'left' | 'right') => Number(await page.getByTestId(`pane-${side}`).getAttribute('data-t'));

test('loss=mse runs, renders, and ends with the counts the CLI prints for the same link', async ({ page }) => {
  test.setTimeout(120_000);
  // small enough to play to its own settling time (T unset) in seconds, large enough that the
  // end is not trivial (some neurons unsettled, E[(f − f*)²] ≈ 0.23); speed is view-only
  const query = 'loss=mse&beta=0.35&k=3&p=3&n=12&d=100';
  const printed = cliFlow(query);
  await page.goto(`./?${query}&speed=4`);
  await expect(page.getByTestId('squared-loss-readout')).toContainText('a = k/n = 0.25');
  await expect(page.getByTestId('gen-error-plot')).toBeVisible();
  await waitForEnd(page, 100_000);
  expect(await foreground(page, page.locator('[data-testid=flow-canvas] canvas').first())).toBeGreaterThan(0.1);
  const cli = await printed;
  expect(await outcomeCounts(page)).toEqual(cli.counts);
  // the generalization error the page shows is the CLI's, to the 4 digits shown
  const shown = Number(await page.getByTestId('gen-error').textContent());
  expect(shown).toBeCloseTo(cli.generalizationError!, 3);
});

test('the split view runs both losses from the same neurons on one clock, with the CLI\'s counts', async ({ page }) => {
  test.setTimeout(120_000);
  const query = 'compare=loss&beta=0.35&k=3&p=3&n=12&d=100&T=60';
  const printed = cliFlow(query);
  // speed 0.3: from t = 1 to the end at 60 takes about 6 s, so the pause lands mid-run even on a
  // busy machine (a click after the end would replay the run from its start instead)
  await page.goto(`./?${query}&speed=0.3`);
  await expect(page.getByTestId('split-view')).toBeVisible();
  // the panes are named in the page's words; the link's syntax is in their tooltips
  await expect(page.locator('.pane-label')).toHaveText(['correlation loss', 'squared loss']);
  await expect(page.locator('.pane-label').first()).toHaveAttribute('title', 'loss=corr');
  // both advance: while playing, the page shows no time the second run has not reached
  await expect.poll(() => paneTime(page, 'right'), { timeout: 120_000 }).toBeGreaterThan(1);
  // while playing, each time a pane moves on, both panes' captions say the same time
  const bothTimes = () => page.evaluate(() => ['left', 'right'].map((side) => document.querySelector(`[data-testid=pane-${side}]`)?.getAttribute('data-t')));
  for (let i = 0; i < 2; i++) {
    const [, before] = await bothTimes();
    await expect.poll(async () => (await bothTimes())[1], { timeout: 30_000 }).not.toBe(before);
    const [left, right] = await bothTimes();
    expect(left).toBe(right);
  }
  // one clock: paused mid-run, both panes come to rest at the same time, short of T
  await page.locator('button[name=play]').click();
  await expect.poll(async () => (await paneTime(page, 'right')) - (await paneTime(page, 'left')), { timeout: 60_000 }).toBe(0);
  const paused = await paneTime(page, 'left');
  expect(paused).toBeGreaterThan(1);
  expect(paused).toBeLessThan(60);
  // from the pause, Jump to end: both panes reach T together
  await jumpToEnd(page, 90_000);
  await expect.poll(() => paneTime(page, 'right'), { timeout: 60_000 }).toBe(60);
  expect(await paneTime(page, 'left')).toBe(60);
  const cli = await printed;
  expect(await paneCounts(page, 'left')).toEqual(cli.counts);
  expect(await paneCounts(page, 'right')).toEqual(cli.compared!.counts);
  // both panes draw the sphere and their neurons
  expect(await foreground(page, page.locator('[data-testid=flow-canvas] canvas').first())).toBeGreaterThan(0.1);
  expect(await foreground(page, page.locator('[data-testid=flow-canvas-compare] canvas').first())).toBeGreaterThan(0.1);
  // linked cameras: orbiting the left pane turns the right one too, and the link records it
  const right = page.locator('[data-testid=flow-canvas-compare] canvas').first();
  const before = await signature(page, right);
  const box = (await page.locator('[data-testid=flow-canvas] canvas').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 50, { steps: 8 });
  await page.mouse.up();
  expect(distance(before, await signature(page, right))).toBeGreaterThan(0.02);
  await expect.poll(() => new URL(page.url()).searchParams.get('cam') ?? '').toMatch(/^[-\d.]+,[-\d.]+,[-\d.]+$/);
});

test('a split view over β shows just below and just above β_c at once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?compare=beta:0.3&beta=0.2&k=3&p=3&n=60&d=1000&T=1000&speed=4');
  await expect(page.locator('.pane-label')).toHaveText(['β = 0.2', 'β = 0.3']);
  await jumpToEnd(page, 100_000);
  await expect.poll(() => paneTime(page, 'right'), { timeout: 30_000 }).toBe(1000);
  const below = await paneCounts(page, 'left');
  const above = await paneCounts(page, 'right');
  expect(below.atAverage).toBe(0);
  expect(above.atAverage).toBeGreaterThan(40);
});

test('too many neurons for the squared loss are refused with a message, and a bad comparison too', async ({ page }) => {
  await page.goto('./?loss=mse&n=5000&T=1');
  await expect(page.getByTestId('notice')).toContainText('too many for loss=mse');
  await expect(page.locator('.range-control:has(input[name=n]) output')).toHaveText('300');
  await page.goto('./?compare=speed:3&T=1');
  await expect(page.getByTestId('notice')).toContainText('not a model parameter');
  await expect(page.getByTestId('split-view')).toHaveCount(0);
});

test('the split view with the squared loss has no serious accessibility violations, in both themes', async ({ page }) => {
  test.setTimeout(120_000);
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('./?compare=loss&loss=mse&k=3&n=10&d=100&T=5&speed=4');
    await waitForEnd(page, 60_000);
    await expect(page.getByTestId('gen-error-plot')).toBeVisible();
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
    expect(bad, colorScheme).toEqual([]);
  }
});
