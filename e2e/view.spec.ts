// The 3-D view shows what happened: every index vector of k = 16 drawn and labelled apart,
// labels that never cover each other at phone, presenter and embed sizes, cluster markers that
// grow with the number of converged neurons, the large-d radial scale, and Save image.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectLabelsApart, loadScreenshot, test, waitForEnd, type Screenshot } from './fixtures.ts';

// the machine may be slow: links open paused at their end time (t = T), one frame each
test.describe.configure({ timeout: 120_000 });

/** Pixels of the WebGL canvas: all non-background ones, and the sky-blue ones of v₁ and its cluster disc. */
async function canvasPixels(page: Page) {
  // the frame that ended the run is drawn on the next animation frame
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await loadScreenshot(page, page.locator('[data-testid=flow-canvas] canvas').first());
  return page.evaluate(() => {
    const { width, height, data: d } = (window as unknown as { screenshot: Screenshot }).screenshot;
    let foreground = 0, blue = 0, colourful = 0;
    for (let i = 0; i < width * height * 4; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - d[0]) + Math.abs(g - d[1]) + Math.abs(b - d[2]) > 30) foreground++;
      if (b > 60 && b > 1.8 * r && g > 1.3 * r && b > g) blue++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 90) colourful++;
    }
    return { fraction: foreground / (width * height), blue, colourful };
  });
}

test('k = 16: all 16 arrows are drawn and 16 labels sit apart', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?k=16&n=400&T=3000&t=3000&beta=0.05');
  await waitForEnd(page, 60_000);
  await expect(page.getByTestId('flow-canvas')).toHaveAttribute('data-arrows', '16');
  await expectLabelsApart(page, 16);
  // each label names one vector: no comma-joined line
  for (let j = 0; j < 16; j++) await expect(page.getByTestId(`vector-tag-${j}`).locator('.vector-label')).not.toContainText(',');
  await expect(page.getByTestId('projection-note')).toContainText('spread evenly');
  await expect(page.locator('.view-legend .swatch.diamond')).toHaveCount(8);
  // the key of sixteen vectors is one strip on one row, clear of the sphere's foot (the labels
  // on the sphere name each colour)
  await expect(page.locator('.view-legend li')).toHaveCount(3);
  const key = (await page.locator('.view-legend').boundingBox())!;
  expect(key.height).toBeLessThan(40);
});

const LAYOUTS = [
  ['375 px phone', { width: 375, height: 812 }, ''],
  ['1280×720', { width: 1280, height: 720 }, ''],
  ['1920×1080', { width: 1920, height: 1080 }, ''],
  ['embed', { width: 640, height: 600 }, '&embed=1&controls=beta'],
] as const;

for (const [name, size, query] of LAYOUTS) {
  test(`${name}: labels never overlap, during the search and at the end, and the view is drawn`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(`./?T=0.05&t=0.05&n=300${query}`);
    await waitForEnd(page);
    await expect(page.getByTestId('search-hint')).toBeVisible();
    expect(await expectLabelsApart(page, 3)).toBe(5); // three vectors, w̄, the search hint
    await page.goto(`./?T=300&t=300&n=300${query}`);
    await waitForEnd(page, 60_000);
    await expectLabelsApart(page, 3);
    const px = await canvasPixels(page);
    expect(px.fraction).toBeGreaterThan(0.12);
  });
}

for (const [name, size, extra] of LAYOUTS) {
  test(`${name}: cluster markers cover more pixels of the screenshot as more neurons converge there`, async ({ page }) => {
    await page.setViewportSize(size);
    const query = `k=3&geom=orth&d=50&T=2000&t=2000&trails=0&grid=0&seed=3${extra}`;
    // embed mode shows no counts: the runs are those of the other layouts (same seed)
    const recoveredAtV1 = async () =>
      extra ? null : (JSON.parse((await page.getByTestId('outcome-counts').getAttribute('data-counts'))!).recovered[0] as number);
    await page.goto(`./?${query}&n=12`);
    await waitForEnd(page, 60_000);
    const few = await canvasPixels(page);
    const fewRecovered = await recoveredAtV1();
    await page.goto(`./?${query}&n=400`);
    await waitForEnd(page, 60_000);
    const many = await canvasPixels(page);
    const manyRecovered = await recoveredAtV1();
    if (fewRecovered !== null && manyRecovered !== null) expect(manyRecovered).toBeGreaterThan(4 * Math.max(1, fewRecovered));
    // the disc at v₁ (sky blue, area ∝ count) adds pixels of its colour in proportion to the
    // view's area (measured: 0.26 % of it in embed mode, 0.5–1.6 % elsewhere)
    const view = (await page.getByTestId('flow-canvas').boundingBox())!;
    expect(many.blue - few.blue).toBeGreaterThan(0.0015 * view.width * view.height);
  });
}

test('large d: the log radial scale is on and stated, and can be switched to the linear radius', async ({ page }) => {
  await page.goto('./?d=1000000000&T=1&t=1&n=300');
  await waitForEnd(page);
  const note = page.getByTestId('radial-note');
  await expect(note).toHaveAttribute('data-scale', 'log');
  await expect(note).toContainText('log overlap');
  await expect(page.locator('.caption')).toContainText('log-scaled');
  const logPx = await canvasPixels(page);
  await note.locator('button[name=radial]').click();
  await expect(note).toHaveAttribute('data-scale', 'linear');
  await expect.poll(() => new URL(page.url()).searchParams.get('radial')).toBe('linear');
  // with the exact radius every neuron sits within 10⁻⁴ of the centre, one dot's worth of
  // coloured pixels; the log scale spreads them over a ball (polled: the view redraws in its next frames)
  await expect.poll(async () => logPx.colourful - (await canvasPixels(page)).colourful).toBeGreaterThan(1000);
  await page.goto('./?d=1000&T=1&t=1&n=30');
  await expect(page.getByTestId('radial-note')).toHaveAttribute('data-scale', 'linear');
});

/** Clicks Save image and reads the PNG back: its size, the view canvas's, and ink in the caption band. */
async function savedImage(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[name=exportpng]').click()]);
  const png = readFileSync(await download.path());
  expect(png.length).toBeGreaterThan(1000);
  const b64 = png.toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const gl = document.querySelector<HTMLCanvasElement>('[data-testid=flow-canvas] canvas')!;
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    // the band under the view has text: pixels unlike its background
    const top = Math.round(gl.clientHeight * (img.width / gl.clientWidth));
    const band = ctx.getImageData(0, top, img.width, img.height - top).data;
    let ink = 0;
    for (let i = 0; i < band.length; i += 4) if (Math.abs(band[i] - band[0]) + Math.abs(band[i + 1] - band[1]) + Math.abs(band[i + 2] - band[2]) > 60) ink++;
    return { w: img.width, h: img.height, glW: gl.width, glH: gl.height, cssW: gl.clientWidth, ink };
  }, b64);
}

test('Save image composes the view, its labels, key, time and counts, at the screen size or rendered again at 2×', async ({ page }) => {
  await page.goto('./?T=50&t=50&n=100');
  await waitForEnd(page);
  const canvas = page.locator('[data-testid=flow-canvas] canvas');
  // the drawing buffer takes the layout's size a moment after the first frame
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width === Math.floor(c.clientWidth * devicePixelRatio))).toBe(true);
  const screen = await savedImage(page);
  expect(screen.w).toBe(screen.glW);
  expect(screen.h).toBeGreaterThan(screen.glH + 30);
  expect(screen.ink).toBeGreaterThan(200);

  await page.locator('select[name=imagesize]').selectOption('2');
  const twice = await savedImage(page);
  expect(twice.w).toBe(2 * twice.cssW);
  expect(twice.h).toBeGreaterThan(2 * screen.h - 4);
  // the caption band is drawn at the same scale: about four times the ink
  expect(twice.ink).toBeGreaterThan(2.5 * screen.ink);
  await expect(page.getByTestId('share-status')).toContainText(`${twice.w} × ${twice.h} PNG`);
  // the view on screen returns to its own pixel ratio
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBe(screen.glW);
});

test('in the split view each pane names its own searching neurons and draws its own labels', async ({ page }) => {
  await page.goto('./?compare=n:40&n=60&d=1000000&T=1&t=1');
  const left = page.getByTestId('flow-canvas'), right = page.getByTestId('flow-canvas-compare');
  // during the search at d = 10⁶ every neuron is near the centre: searching or on the equator
  const near = async (pane: typeof left) => ((await pane.getByTestId('search-hint').textContent()) ?? '').match(/\d+/g)?.reduce((s, x) => s + Number(x), 0) ?? 0;
  await expect.poll(() => near(left)).toBe(60);
  await expect.poll(() => near(right)).toBe(40);
  // both panes place their own v_j labels inside their own view
  for (const pane of [left, right]) {
    const view = (await pane.boundingBox())!;
    const tag = (await pane.getByTestId('vector-tag-0').boundingBox())!;
    expect(tag.x).toBeGreaterThanOrEqual(view.x);
    expect(tag.x + tag.width).toBeLessThanOrEqual(view.x + view.width + 1);
  }
});
