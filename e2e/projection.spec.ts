// Choosing the 3-D projection for k > 3 is a view change: picking three index vectors or letting
// the grand tour turn redraws the frame on screen (pixels and the note under the view change)
// while t and the counts stay, also while paused; the choice survives a reload through the
// link; the tour turns by itself only when reduced motion is not asked for.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, expectFlowStill, expectLabelsApart, flowIdle, loadScreenshot, outcomeCounts, simTime, test, waitForEnd, watchFlowWorker, type Screenshot } from './fixtures.ts';

test.describe.configure({ timeout: 150_000 });

// each test asks whether the worker has redrawn the frame (flowIdle, expectFlowStill)
test.beforeEach(({ page }) => watchFlowWorker(page));

/** The view as a 48×48 grid of mean grey levels (labels over the canvas included). */
async function viewGrid(page: Page): Promise<number[]> {
  // the worker's redraw in a new projection has landed, and the frame and its labels are drawn
  await flowIdle(page);
  await loadScreenshot(page, page.locator('[data-testid=flow-canvas] canvas').first());
  return page.evaluate(() => {
    const { width, height, data } = (window as unknown as { screenshot: Screenshot }).screenshot;
    const N = 48, sums = new Array<number>(N * N).fill(0), counts = new Array<number>(N * N).fill(0);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4, cell = Math.floor((y * N) / height) * N + Math.floor((x * N) / width);
        sums[cell] += (data[i] + data[i + 1] + data[i + 2]) / 3;
        counts[cell]++;
      }
    }
    return sums.map((s, i) => s / counts[i]);
  });
}

/** Mean absolute difference of two grids, in grey levels. */
const change = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;

async function pick(page: Page, triple: [number, number, number]) {
  await page.locator('select[name=proj-mode]').selectOption('vectors');
  for (const [slot, j] of triple.entries()) await page.locator(`select[name=proj-${'xyz'[slot]}]`).selectOption(String(j));
}

async function expectPaused(page: Page) {
  await expect(page.locator('button[name=play]')).toHaveText(/Play/);
}

for (const [k, query, triple] of [
  [16, 'k=16&n=400&T=3000&t=3000&beta=0.05', [1, 4, 7]],
  [5, 'k=5&n=200&T=2000&t=2000&beta=0.1', [5, 3, 1]],
] as const) {
  test(`k = ${k}: picking v${triple.join(', v')} redraws the paused frame and the note, keeps t and the counts, and survives a reload`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`./?${query}`);
    await waitForEnd(page, 90_000);
    await expect(page.getByTestId('projection-note')).toContainText('spread evenly');
    await expect(page.getByTestId('projection-control')).toBeVisible();
    const t = await simTime(page);
    const counts = await outcomeCounts(page);
    const before = await viewGrid(page);
    // the same picture again is the same pixels: a change below means the projection changed
    expect(change(before, await viewGrid(page))).toBeLessThan(0.05);

    await pick(page, [...triple]);
    const label = `span(v${triple.join(', v')})`;
    await expect(page.getByTestId('projection-note')).toContainText(label);
    await expect(page).toHaveURL(new RegExp(`proj=${triple.join(',')}(&|$)`));
    const picked = await viewGrid(page);
    expect(change(before, picked)).toBeGreaterThan(0.5);
    await expect(page.getByTestId('flow-canvas')).toHaveAttribute('data-arrows', String(k));
    await expectLabelsApart(page, k);
    expect(await simTime(page)).toBe(t);
    expect(await outcomeCounts(page)).toEqual(counts);
    await expectPaused(page);

    // never the same vector twice: choosing x = v_b swaps it with y
    await page.locator('select[name=proj-x]').selectOption(String(triple[1]));
    await expect(page.locator('select[name=proj-y]')).toHaveValue(String(triple[0]));
    await expect(page.getByTestId('projection-note')).toContainText(`span(v${triple[1]}, v${triple[0]}, v${triple[2]})`);
    await page.locator('select[name=proj-x]').selectOption(String(triple[0]));
    await expect(page.getByTestId('projection-note')).toContainText(label);
    // a reload reopens the address bar's link: wait for it to carry the choice again
    await expect(page).toHaveURL(new RegExp(`proj=${triple.join(',')}(&|$)`));

    await page.reload();
    await waitForEnd(page, 90_000);
    await expect(page.getByTestId('projection-note')).toContainText(label);
    await expect(page.locator('select[name=proj-mode]')).toHaveValue('vectors');
    expect(await simTime(page)).toBe(t);
    expect(await outcomeCounts(page)).toEqual(counts);
    expect(change(picked, await viewGrid(page))).toBeLessThan(0.5);

    // back to the even spread: the first picture again
    await page.locator('select[name=proj-mode]').selectOption('even');
    await expect(page.getByTestId('projection-note')).toContainText('spread evenly');
    await expect(page).not.toHaveURL(/proj=/);
    expect(change(before, await viewGrid(page))).toBeLessThan(0.5);
  });
}

test('the grand tour turns the paused view over time, and stops when asked; t and counts stay', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?k=16&n=400&T=3000&t=3000&beta=0.05');
  await waitForEnd(page, 90_000);
  const t = await simTime(page);
  const counts = await outcomeCounts(page);
  await page.locator('select[name=proj-mode]').selectOption('tour');
  await expect(page.getByTestId('projection-note')).toContainText('grand tour');
  await expect(page.locator('button[name=tourturn]')).toHaveAttribute('aria-pressed', 'true');
  const first = await viewGrid(page);
  await expect.poll(async () => change(first, await viewGrid(page)), { timeout: 30_000 }).toBeGreaterThan(0.3);
  expect(await simTime(page)).toBe(t);
  expect(await outcomeCounts(page)).toEqual(counts);
  await expectPaused(page);
  // g stops it (keyboard): the picture holds still
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('g');
  await expect(page.locator('button[name=tourturn]')).toHaveAttribute('aria-pressed', 'false');
  const held = await viewGrid(page);
  // the turning tour asks for a redraw on every frame it can: now it asks for none
  await expectFlowStill(page);
  expect(change(held, await viewGrid(page))).toBeLessThan(0.05);
  // ] turns it on by hand; the link holds the tour where it stands
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  const nudged = await viewGrid(page);
  expect(change(held, nudged)).toBeGreaterThan(0.1);
  await expect(page).toHaveURL(/proj=tour:\d+(\.\d+)?(&|$)/);
  await page.reload();
  await waitForEnd(page, 90_000);
  await expect(page.locator('button[name=tourturn]')).toHaveAttribute('aria-pressed', 'false');
  expect(change(nudged, await viewGrid(page))).toBeLessThan(0.5);
  expect(await simTime(page)).toBe(t);
  // Turn goes on from there
  await page.locator('button[name=tourturn]').click();
  await expect(page).toHaveURL(/proj=tour(&|$)/);
  await expect.poll(async () => change(nudged, await viewGrid(page)), { timeout: 30_000 }).toBeGreaterThan(0.3);
});

test('under reduced motion the tour waits for Turn', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?k=16&n=300&T=2000&t=2000&beta=0.05&proj=tour');
  await waitForEnd(page, 90_000);
  await expect(page.locator('button[name=tourturn]')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('projection-control')).toContainText('reduced motion');
  const still = await viewGrid(page);
  await expectFlowStill(page);
  expect(change(still, await viewGrid(page))).toBeLessThan(0.05);
  await page.locator('button[name=tourturn]').click();
  await expect.poll(async () => change(still, await viewGrid(page)), { timeout: 30_000 }).toBeGreaterThan(0.3);
});

test('a link with a projection that does not fit says so and shows the even spread; nothing of it is markup', async ({ page }) => {
  await page.goto('./?k=5&n=50&T=100&t=100&proj=1,4,7');
  await expect(page.getByText('there is no v7 with k = 5 (the numbers go from 1 to 5)')).toBeVisible();
  await expect(page.getByTestId('projection-note')).toContainText('spread evenly');
  await expect(page.locator('select[name=proj-mode]')).toHaveValue('even');
  await page.goto('./?k=5&n=50&T=100&t=100&proj=%3Cimg%20src=x%3E');
  await expect(page.getByText(/has characters other than letters/)).toBeVisible();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
});

test('the chooser works from the keyboard and passes axe in each mode; it is absent for k ≤ 3', async ({ page }) => {
  await page.goto('./?k=5&n=50&T=100&t=100');
  const control = page.getByTestId('projection-control');
  await expect(control).toBeVisible();
  await control.locator('select[name=proj-mode]').focus();
  await page.keyboard.press('ArrowDown'); // a closed native select takes the arrow keys
  await expect(control.locator('select[name=proj-mode]')).toHaveValue('vectors');
  await expect(page).toHaveURL(/proj=1,2,3(&|$)/);
  await expect(page.getByTestId('projection-note')).toContainText('span(v1, v2, v3)');
  for (const mode of ['vectors', 'tour'] as const) {
    await control.locator('select[name=proj-mode]').selectOption(mode);
    const result = await new AxeBuilder({ page }).include('[data-testid=projection-control]').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(bad).toEqual([]);
  }
  await page.goto('./?k=3&n=50&T=100&t=100&proj=1,2,3');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '100', { timeout: 30_000 });
  await expect(page.getByTestId('projection-control')).toHaveCount(0);
});
