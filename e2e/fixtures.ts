// What every end-to-end test shares: a test that fails on any console error or uncaught page
// error, and readers of the page's stable test hooks.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { OutcomeCounts } from '../src/core/outcomes/classify.ts';

export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The model or playback range input of a parameter (the explore panel reuses some names). */
export const slider = (page: Page, name: string) => page.locator(`fieldset.controls input[type=range][name=${name}]`);

/** Current flow time, from the `sim-time` hook. */
export const simTime = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-value'));

/** Outcome counts as the page reports them (null before the first frame). */
export async function outcomeCounts(page: Page): Promise<OutcomeCounts | null> {
  const raw = await page.getByTestId('outcome-counts').getAttribute('data-counts');
  return raw ? (JSON.parse(raw) as OutcomeCounts) : null;
}

/** A run with T set pauses there and marks the readout "(end)". */
export async function waitForEnd(page: Page, timeout = 40_000) {
  await expect(page.locator('.readout.time')).toContainText('(end)', { timeout });
}

/** Pixels of a screenshot, decoded in the page, as the page-side readers below see them. */
export interface Screenshot {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Screenshots an element and decodes it in the page into `window.screenshot` (a Screenshot),
 * so a test's own page.evaluate can measure it without shipping megabytes of pixels back.
 */
export async function loadScreenshot(page: Page, el: Locator): Promise<void> {
  const png = await el.screenshot();
  await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    (window as unknown as { screenshot: Screenshot }).screenshot = { width: c.width, height: c.height, data };
  }, png.toString('base64'));
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The command line's `flow` report for a query (same core, same seed: the page must agree). */
export function cliFlow(query: string): Promise<{ counts: OutcomeCounts; t: number }> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', 'src/cli/flow.ts', query], { cwd: ROOT, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`flow CLI failed: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersect = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;

/** Boxes of every visible label over the view; asserts that no two intersect and all lie inside the view. */
export async function expectLabelsApart(page: Page, expected?: number) {
  // labels are placed in the canvas's render loop: give it a frame
  await page.waitForTimeout(300);
  const view = (await page.getByTestId('flow-canvas').boundingBox())!;
  const labels = page.locator('[data-testid=label-layer] > .scene-label:visible');
  if (expected !== undefined) await expect(page.locator('[data-testid^=vector-tag-]')).toHaveCount(expected);
  const boxes: Box[] = [];
  for (const el of await labels.all()) {
    const b = await el.boundingBox();
    if (b) boxes.push(b);
  }
  expect(boxes.length).toBeGreaterThan(0);
  const count = boxes.length;
  // nor under the buttons over the view
  const tools = await page.locator('.view-tools').boundingBox();
  if (tools) boxes.push(tools);
  for (let i = 0; i < boxes.length; i++) {
    expect(boxes[i].x).toBeGreaterThanOrEqual(view.x - 0.5);
    expect(boxes[i].x + boxes[i].width).toBeLessThanOrEqual(view.x + view.width + 0.5);
    for (let j = 0; j < i; j++) expect(intersect(boxes[i], boxes[j]), `labels ${i} and ${j} overlap`).toBe(false);
  }
  return count;
}
