import type { Page } from '@playwright/test';
import { expect, expectFlowStill, flowIdle, linkSettled, loadScreenshot, outcomeCounts as counts, simTime, slider, test, waitForEnd, watchFlowWorker, type Screenshot } from './fixtures.ts';

// Links that play to their end T mostly add speed=4 (decades of t per second, a view parameter):
// the same run and the same end state, reached in fewer frames.

const total = (c: { attracted: number[]; atAverage: number; other: number } | null) =>
  c ? c.attracted.reduce((a, b) => a + b, 0) + c.atAverage + c.other : -1;

/**
 * A screenshot of the WebGL canvas, decoded in the page: how many pixels differ from the
 * background, how many distinct (quantized) colours there are, and a coarse signature.
 */
async function canvasPixels(page: Page) {
  await loadScreenshot(page, page.locator('[data-testid=flow-canvas] canvas').first());
  return page.evaluate(() => {
    const GRID = 16;
    const { width, height, data: d } = (window as unknown as { screenshot: Screenshot }).screenshot;
    const bg = [d[0], d[1], d[2]];
    let foreground = 0;
    const colours = new Set<number>();
    const grid = new Array(GRID * GRID).fill(0);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const diff = Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]);
        if (diff > 30) {
          foreground++;
          grid[Math.floor((y / height) * GRID) * GRID + Math.floor((x / width) * GRID)] += d[i] + d[i + 1] + d[i + 2];
        }
        colours.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
      }
    }
    return { foreground, fraction: foreground / (width * height), colours: colours.size, grid };
  });
}

const gridDistance = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / Math.max(1, a.reduce((s, x) => s + x, 0));

test('the canvas shows a rendered sphere with neurons, arrows and the average marker', async ({ page }) => {
  await page.goto('./?T=2&speed=4');
  await waitForEnd(page);
  const px = await canvasPixels(page);
  expect(px.fraction).toBeGreaterThan(0.15);
  expect(px.colours).toBeGreaterThan(40);
  await expect(page.locator('.vector-label')).toHaveText(['v₁', 'v₂', 'v₃']);
  await expect(page.getByTestId('average-marker')).toHaveAttribute('data-kind', 'saddle');
  await expect(page.getByRole('button', { name: 'Reset view' })).toBeVisible();
});

test('neurons near the centre are labelled as still searching, and the label goes once they escape', async ({ page }) => {
  await page.goto('./?T=0.05&d=1000&n=300&p=4&speed=4');
  await waitForEnd(page);
  // p = 4 is even: nothing stalls on the equator, so all 300 are on the search plateau
  await expect(page.getByTestId('search-hint')).toHaveText('still searching: 300');
  await page.goto('./?T=50&d=3&k=3&p=4&speed=4');
  await waitForEnd(page);
  // with d = k every neuron starts on the sphere: none is near the centre
  await expect(page.getByTestId('search-hint')).toBeHidden();
});

test('the neurons still searching, those on the equator and the regime sentence’s escaped ones add up to n', async ({ page }) => {
  // paused at t = 10, part of the way off the plateau (p = 3 is odd: some stall on the equator)
  await page.goto('./?beta=0.255&t=10');
  await expect.poll(() => simTime(page), { timeout: 30_000 }).toBe(10);
  const sentence = page.getByTestId('regime-sentence');
  await expect(sentence).toContainText('of 300 escaped');
  const escaped = Number(/(\d+) of 300 escaped/.exec((await sentence.textContent()) ?? '')![1]);
  // the hint is written when the view draws that frame
  await expect(page.getByTestId('search-hint')).toContainText('still searching');
  const hint = (await page.getByTestId('search-hint').textContent()) ?? '';
  const searching = Number(/still searching: (\d+)/.exec(hint)?.[1] ?? 0);
  const equator = Number(/on the equator \(no positive overlap\): (\d+)/.exec(hint)?.[1] ?? 0);
  expect(escaped).toBeGreaterThan(0);
  expect(searching).toBeGreaterThan(0);
  expect(equator).toBeGreaterThan(0);
  expect(escaped + searching + equator).toBe(300);
});

test('flow time advances while playing', async ({ page }) => {
  await page.goto('./');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  const t1 = await simTime(page);
  await expect.poll(() => simTime(page)).toBeGreaterThan(t1 * 1.5);
});

test('moving β across β_c turns the average point from saddle to minimum and back', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3');
  await expect(page.getByTestId('beta-c')).toHaveText('0.25');
  const kind = page.getByTestId('average-kind');
  await expect(kind).toHaveText('saddle');
  await slider(page, 'beta').fill('0.3');
  await expect(kind).toHaveText('minimum');
  await expect(page.getByTestId('average-marker')).toHaveAttribute('data-kind', 'minimum');
  await expect(page.getByTestId('threshold-plot')).toHaveAttribute('aria-label', /β_c = 0\.25.*current β = 0\.300.*minimum/);
  await slider(page, 'beta').fill('0.2');
  await expect(kind).toHaveText('saddle');
  await expect(page.getByTestId('average-marker')).toHaveAttribute('data-kind', 'saddle');
});

test('changing k, n and p changes what is drawn', async ({ page }) => {
  await page.goto('./?k=3&n=300&d=5&T=0.05&speed=4');
  await waitForEnd(page);
  await expect(page.locator('.vector-label > span')).toHaveCount(3);
  const before = await canvasPixels(page);

  await slider(page, 'k').fill('5');
  await expect(page.locator('.vector-label > span')).toHaveCount(5);
  await expect(page.getByTestId('projection-note')).toContainText('spread evenly');
  await expect(page.locator('.view-legend li')).toHaveCount(7);
  // a model change after the end restarts the run and plays it (no Play press needed)
  await waitForEnd(page);
  const withK5 = await canvasPixels(page);
  expect(gridDistance(before.grid, withK5.grid)).toBeGreaterThan(0.02);

  await slider(page, 'n').fill('3'); // log10 slider: n = 1000
  await expect.poll(async () => total(await counts(page))).toBe(1000);
  await waitForEnd(page);
  const withN = await canvasPixels(page);
  expect(gridDistance(withK5.grid, withN.grid)).toBeGreaterThan(0.02);

  await slider(page, 'k').fill('3');
  await slider(page, 'p').fill('4');
  await expect(page.getByTestId('beta-c')).toHaveText('0.4');
  await expect(page.locator('.vector-label > span')).toHaveCount(3);
  await expect(page.getByTestId('projection-note')).toHaveCount(0);
});

test('pause really stops time', async ({ page }) => {
  await watchFlowWorker(page);
  await page.goto('./?speed=0.3');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0.02);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // a frame already in flight may still land: wait for the worker's answer to be drawn
  await flowIdle(page);
  const t = await page.getByTestId('sim-time').getAttribute('data-value');
  // the page's loop asks for no further frame, and the time on screen stays
  await expectFlowStill(page);
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', t!);
});

test('a link with T stops exactly at T', async ({ page }) => {
  await page.goto('./?T=3&speed=4');
  await waitForEnd(page);
  expect(await simTime(page)).toBe(3);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('reset reproduces the run', async ({ page }) => {
  await page.goto('./?T=5&n=500&seed=4&speed=4');
  await waitForEnd(page);
  const first = { t: await simTime(page), counts: await counts(page) };
  expect(first.t).toBe(5);
  expect(total(first.counts)).toBe(500);
  const firstPixels = await canvasPixels(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(() => simTime(page)).toBe(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForEnd(page);
  expect({ t: await simTime(page), counts: await counts(page) }).toEqual(first);
  // the final frame's neurons are in the same places (trails may differ with frame timing)
  const again = await canvasPixels(page);
  expect(gridDistance(firstPixels.grid, again.grid)).toBeLessThan(0.05);
});

test('orbiting moves the camera and "Reset view" brings the default view back', async ({ page }) => {
  await page.goto('./?T=1&trails=0&speed=4');
  await waitForEnd(page);
  const home = await canvasPixels(page);
  const box = (await page.locator('[data-testid=flow-canvas] canvas').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 180, box.y + box.height / 2 + 60, { steps: 8 });
  await page.mouse.up();
  const moved = await canvasPixels(page);
  expect(gridDistance(home.grid, moved.grid)).toBeGreaterThan(0.02);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(async () => gridDistance(home.grid, (await canvasPixels(page)).grid)).toBeLessThan(0.01);
});

test('a camera from the link is used', async ({ page }) => {
  await page.goto('./?T=1&trails=0&speed=4');
  await waitForEnd(page);
  const home = await canvasPixels(page);
  await page.goto('./?T=1&trails=0&speed=4&cam=0,4,0.01');
  await waitForEnd(page);
  expect(gridDistance(home.grid, (await canvasPixels(page)).grid)).toBeGreaterThan(0.05);
});

test('the plots are drawn and described', async ({ page }) => {
  await page.goto('./?T=50&speed=4');
  await waitForEnd(page);
  for (const id of ['threshold-plot', 'overlap-plot', 'loss-plot']) {
    const plot = page.getByTestId(id);
    await expect(plot).toHaveAttribute('role', 'img');
    // the chart draws into its own canvas inside the described element
    const nonBlank = await plot.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) lit++;
      return lit / (c.width * c.height);
    });
    expect(nonBlank, id).toBeGreaterThan(0.02);
  }
  await expect(page.getByTestId('overlap-plot')).toHaveAttribute('aria-label', /Overlap of 6 neurons .* up to t = 50\.0/);
  await expect(page.getByTestId('loss-plot')).toHaveAttribute('aria-label', /up to t = 50\.0; latest −?-?\d/);
});

test('a non-finite frame shows the fault notice and keeps the last good frame on screen', async ({ page }) => {
  await watchFlowWorker(page);
  // corrupt the 8th frame the page receives from its first worker
  await page.addInitScript(() => {
    const Native = window.Worker;
    let frames = 0;
    window.Worker = class extends Native {
      set onmessage(fn: ((ev: MessageEvent) => void) | null) {
        super.onmessage = fn && ((ev: MessageEvent) => {
          if (ev.data?.type === 'frame' && ++frames === 8) ev.data.buffers.positions[0] = NaN;
          fn(ev);
        });
      }
      get onmessage() {
        return super.onmessage;
      }
    };
  });
  await page.goto('./?speed=0.3');
  const fault = page.getByTestId('fault');
  await expect(fault).toBeVisible();
  await expect(fault).toContainText('non-finite');
  // the restarted worker waits for Play: nothing is asked of it and the time stays
  await flowIdle(page);
  const t = await simTime(page);
  expect(t).toBeGreaterThan(0);
  await expectFlowStill(page);
  expect(await simTime(page)).toBe(t);
  const px = await canvasPixels(page);
  expect(px.fraction).toBeGreaterThan(0.15);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(fault).toHaveCount(0);
  await expect.poll(() => simTime(page)).toBeGreaterThan(t);
});

test('n beyond the cap is clamped with a notice', async ({ page }) => {
  await page.goto('./?n=200000&d=10&T=0.1');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('200000 is outside [1, 100000]');
  await expect(notice).toContainText('using 100000');
  await expect.poll(async () => total(await counts(page)), { timeout: 30_000 }).toBe(100000);
});

test('each index vector label shows how many neurons have arrived there, and how many are on the way', async ({ page }) => {
  await page.goto('./?T=5&n=50&speed=4');
  await waitForEnd(page);
  const c = await counts(page);
  expect(total(c)).toBe(50);
  const tag = (j: number) => {
    const arrived = c!.recovered[j] + c!.atMinimum[j];
    const onTheWay = c!.attracted[j] - arrived;
    return `v${'₁₂₃'[j]} · ${arrived}${onTheWay > 0 ? ` (+${onTheWay} on the way)` : ''}`;
  };
  await expect(page.getByTestId('vector-tag-0')).toHaveText(tag(0));
  await expect(page.getByTestId('vector-tag-2')).toHaveText(tag(2));
  // the names alone are unchanged
  await expect(page.locator('.vector-label')).toHaveText(['v₁', 'v₂', 'v₃']);
});

test('with reduced motion the trails are not drawn, and the trails parameter is kept', async ({ page }) => {
  await page.goto('./?T=2&n=300&speed=4');
  await waitForEnd(page);
  const view = page.getByTestId('flow-canvas');
  await expect(view).toHaveAttribute('data-trails', 'on');
  const trailsInLink = () => new URL(page.url()).searchParams.get('trails');
  const before = trailsInLink();
  expect(before).not.toBe('0');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(view).toHaveAttribute('data-trails', 'off');
  // only the drawing changes: the link keeps its trails value
  await linkSettled(page);
  expect(trailsInLink()).toBe(before);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(view).toHaveAttribute('data-trails', 'on');
});

test('a page opened with reduced motion draws no trails even when the link asks for them', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./?T=1&trails=1&speed=4');
  // reduced motion also means the flow waits for Play
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForEnd(page);
  await expect(page.getByTestId('flow-canvas')).toHaveAttribute('data-trails', 'off');
});
