// The landscape view, the regime buttons and the threshold view (issue #20): the loss on the
// sphere of span(V) with every critical point the CLI lists, β set into each regime, and the
// window [β_c, β_fold] drawn wide enough to see and hit.
import type { Locator, Page } from '@playwright/test';
import { cliFlow, expect, loadScreenshot, slider, test, type FlowReport, type Screenshot } from './fixtures.ts';

interface LandscapeReport extends FlowReport {
  betaC: number[];
  betaFold: number[];
  criticalPoints: { spanKind: string }[] | null;
}

const KINDS = ['minimum', 'saddle', 'maximum', 'degenerate'] as const;

// each test also runs the CLI (a cold tsx start) beside the page
test.describe.configure({ timeout: 180_000 });

/** Share of pixels that differ (by more than a little) between the view now and `window.before`. */
async function changedShare(page: Page, canvas: Locator): Promise<number> {
  await loadScreenshot(page, canvas);
  return page.evaluate(() => {
    const w = window as unknown as { screenshot: Screenshot; before: Screenshot };
    const a = w.before.data, b = w.screenshot.data;
    if (a.length !== b.length) return 1;
    let changed = 0;
    for (let o = 0; o < a.length; o += 4) if (Math.abs(a[o] - b[o]) + Math.abs(a[o + 1] - b[o + 1]) + Math.abs(a[o + 2] - b[o + 2]) > 24) changed++;
    return changed / (a.length / 4);
  });
}

async function expectMarkersLike(page: Page, report: LandscapeReport) {
  const points = page.getByTestId('landscape-points');
  for (const kind of KINDS) {
    const n = report.criticalPoints!.filter((p) => p.spanKind === kind).length;
    await expect(points.locator(`li[data-kind=${kind}]`), `${kind} markers`).toHaveCount(n);
  }
}

test('the landscape toggle shades the sphere and marks every critical point the CLI lists, live as β changes', async ({ page }) => {
  const query = 'k=3&p=3&beta=0.255&n=60&d=1000&T=2';
  const cli = cliFlow<LandscapeReport>(query);
  // opened paused at the end (t = T): one frame, then the view is still
  await page.goto(`./?${query}&t=2`);
  const report = await cli;
  // the bistable case: w̄ and the three minima near the v_j, with saddles between (4 − 6 + 4 = 2)
  expect(report.criticalPoints!.filter((p) => p.spanKind === 'minimum')).toHaveLength(4);
  const view = page.getByTestId('flow-canvas');
  const canvas = view.locator('canvas');
  const toggle = view.locator('button[name=landscape]');
  await expect(toggle).toBeEnabled();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // the view at rest: two screenshots agree before the toggle
  await expect
    .poll(async () => {
      await loadScreenshot(page, canvas);
      await page.evaluate(() => ((window as unknown as { before: unknown }).before = (window as unknown as { screenshot: unknown }).screenshot));
      return changedShare(page, canvas);
    })
    .toBe(0);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(view).toHaveAttribute('data-landscape', 'on');
  await expect(page).toHaveURL(/[?&]landscape=1/);
  // the shading covers the sphere: a large share of the view's pixels change
  await expect.poll(() => changedShare(page, canvas)).toBeGreaterThan(0.05);
  await expectMarkersLike(page, report);
  await expect(page.getByTestId('landscape-key')).toContainText('4 minima');
  await expect(page.getByTestId('landscape-key')).toContainText(/neurons reach it only after the search/);

  // above β_fold the minima near the v_j are gone: the markers follow the CLI at that β
  await page.locator('button[name=regime-above]').click();
  // the link follows the store after a short debounce: read β once it has
  const linkBeta = () => Number(new URL(page.url()).searchParams.get('beta'));
  await expect.poll(linkBeta).toBeGreaterThan(report.betaFold[0]);
  const beta = linkBeta();
  const above = await cliFlow<LandscapeReport>(query.replace('beta=0.255', `beta=${beta}`));
  await expectMarkersLike(page, above);
  expect(above.criticalPoints!.filter((p) => p.spanKind === 'minimum').length).toBeLessThan(4);

  // a link that opens it opens it; k > 3 says why not
  await page.goto('./?k=5&p=3&beta=0.1&n=30&landscape=1');
  await expect(page.locator('button[name=landscape]')).toBeDisabled();
  await expect(page.getByTestId('landscape-unavailable')).toContainText('only for k ≤ 3');
});

test('the regime buttons put β below β_c, strictly inside (β_c, β_fold) and above β_fold (k = 3, p = 3)', async ({ page }) => {
  const cli = cliFlow<LandscapeReport>('k=3&p=3&n=10&T=1');
  await page.goto('./?k=3&p=3&beta=0.1&n=60');
  // the button of the regime β is in shows as pressed, though β is not the button's own value
  await expect(page.locator('button[name=regime-below]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('button[name=regime-between]')).toHaveAttribute('aria-pressed', 'false');
  const report = await cli;
  const [c, fold] = [report.betaC[0], report.betaFold[0]];
  const beta = () => Number(new URL(page.url()).searchParams.get('beta'));
  await expect(page.locator('button[name=regime-between]')).toBeEnabled();
  // keyboard: Tab reaches the buttons, Enter presses them
  await page.locator('button[name=regime-between]').focus();
  await page.keyboard.press('Enter');
  await expect.poll(beta).toBeGreaterThan(c);
  expect(beta()).toBeLessThan(fold);
  await expect(page.locator('button[name=regime-between]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('button[name=regime-below]').click();
  await expect.poll(beta).toBeLessThan(c);
  await page.locator('button[name=regime-above]').click();
  await expect.poll(beta).toBeGreaterThan(fold);

  // the slider: arrows keep their step of 0.005, Shift+arrows step 0.001
  await page.locator('button[name=regime-below]').click();
  // the link follows the store after a short debounce: read β once it has
  await expect.poll(beta).toBeLessThan(c);
  const start = beta();
  await slider(page, 'beta').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(beta).toBeCloseTo(start + 0.005, 9);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(beta).toBeCloseTo(start + 0.006, 9);
});

test('the regime buttons say why when a threshold does not exist (p* = 2: β_c = 0, no fold)', async ({ page }) => {
  await page.goto('./?k=3&p=2&n=30');
  await expect(page.locator('button[name=regime-between]')).toBeDisabled();
  await expect(page.locator('button[name=regime-below]')).toBeDisabled();
  await expect(page.getByTestId('regime-buttons')).toContainText(/between: no β_fold/);
});

/** Boxes of the visible threshold labels of a chart. */
async function labelBoxes(chart: Locator) {
  const labels = chart.locator('xpath=..').locator('.threshold-label:not([hidden])');
  const n = await labels.count();
  const boxes = [];
  for (let i = 0; i < n; i++) boxes.push((await labels.nth(i).boundingBox())!);
  return boxes;
}

const apart = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

for (const [width, height, clicks] of [[1280, 720, true], [1920, 1080, false]] as const) {
  test(`the threshold view at ${width}×${height}: ${clicks ? 'one click away' : 'on screen'}, the window ≥ 40 px wide, labels apart`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('./?k=3&p=3&beta=0.2&n=60');
    if (clicks) await page.locator('button[name=plots-threshold]').click();
    const zoom = page.getByTestId('threshold-zoom');
    await expect(zoom).toBeVisible();
    await expect(zoom).toBeInViewport({ ratio: 1 });
    // beside the sphere, never over it
    const view = (await page.getByTestId('flow-canvas').boundingBox())!;
    const zoomBox = (await zoom.boundingBox())!;
    expect(apart(view, zoomBox)).toBe(true);
    const layer = page.getByTestId('threshold-zoom-labels');
    await expect.poll(async () => Number(await layer.getAttribute('data-window-px'))).toBeGreaterThanOrEqual(40);
    for (const chart of [page.getByTestId('threshold-plot'), zoom]) {
      await expect.poll(async () => (await labelBoxes(chart)).length).toBe(2);
      const [a, b] = await labelBoxes(chart);
      expect(apart(a, b), `labels of ${await chart.getAttribute('data-testid')} overlap`).toBe(true);
    }
    // the slider's marks too
    const marks = page.locator('.stage-panel .range-marks .range-mark');
    const c = (await marks.filter({ hasText: /^β_c$/ }).boundingBox())!;
    const f = (await marks.filter({ hasText: /^β_fold$/ }).boundingBox())!;
    expect(c.x + c.width).toBeLessThan(f.x);
  });
}
