// Presenting: at projector sizes the view, β with its β_c mark, the counts and both time plots
// share one screen while the tour runs; the view stays in sight while the controls below are
// edited; fullscreen keeps play and β; embed mode shows the sliders a slide asks for; on a
// phone one finger scrolls past the view.
import type { Locator, Page } from '@playwright/test';
import { expect, simTime, test } from './fixtures.ts';

async function insideViewport(page: Page, el: Locator, name: string, margin = 0) {
  const box = await el.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, `${name} is rendered`).not.toBeNull();
  expect(box!.x, `${name} left`).toBeGreaterThanOrEqual(margin);
  expect(box!.y, `${name} top`).toBeGreaterThanOrEqual(margin);
  expect(box!.x + box!.width, `${name} right`).toBeLessThanOrEqual(vp.width - margin);
  expect(box!.y + box!.height, `${name} bottom`).toBeLessThanOrEqual(vp.height - margin);
}

const presenterItems = (page: Page): [string, Locator][] => [
  ['view', page.getByTestId('flow-canvas')],
  ['β slider', page.locator('fieldset.controls input[type=range][name=beta]')],
  ['β_c mark', page.locator('fieldset.controls .range-mark').first()],
  ['outcome counts', page.getByTestId('outcome-counts')],
  ['overlap plot', page.getByTestId('overlap-plot')],
  ['loss plot', page.getByTestId('loss-plot')],
];

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`at ${width}×${height} the view, β with β_c, counts and both time plots are on one screen while the tour runs`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // step 7 has equiangular index vectors, so β and its marks apply (orthogonal steps say why not)
    await page.goto('./?tour=7');
    await expect(page.getByTestId('tour-step')).toBeVisible();
    await expect.poll(() => simTime(page)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const [name, el] of presenterItems(page)) await insideViewport(page, el, name);
    await insideViewport(page, page.getByTestId('tour-step').locator('h3, h2').first(), 'tour title');
    // editing a control further down keeps the view in sight
    await page.locator('button[name=copylink]').scrollIntoViewIfNeeded();
    await insideViewport(page, page.locator('button[name=copylink]'), 'Copy link');
    await insideViewport(page, page.getByTestId('flow-canvas'), 'view after scrolling');
    await insideViewport(page, page.locator('fieldset.controls input[type=range][name=beta]'), 'β after scrolling');
  });
}

test('at 1280×720 with k = 16 the counts stay compact: view, β, counts and both plots still fit without scrolling the strip', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?k=16&beta=0.05&T=300&t=300');
  await expect.poll(() => simTime(page)).toBe(300);
  for (const [name, el] of presenterItems(page)) await insideViewport(page, el, name);
  await expect(page.getByTestId('outcome-counts').locator('.count-grid li')).toHaveCount(16);
  const strip = page.locator('.stage-panel');
  expect(await strip.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
});

test('fullscreen (button and F) shows the view with play controls and β with its β_c mark; Escape leaves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?T=1000');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  await page.locator('h1').click();
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? '')).toBe('view-panel');
  const bar = page.getByTestId('fullscreen-bar');
  await expect(bar).toBeVisible();
  await expect(bar.locator('input[type=range][name=beta]')).toBeVisible();
  // β_c, and β_fold beside it (k = 3, p = 3)
  await expect(bar.locator('.range-mark')).toHaveText(['β_c', 'β_fold']);
  await insideViewport(page, bar, 'fullscreen bar');
  const view = await page.getByTestId('flow-canvas').boundingBox();
  expect(view!.height).toBeGreaterThan(500);
  // the overlay's controls drive the run
  await bar.locator('button[name=fs-play]').click();
  await expect(page.locator('button[name=play]')).toHaveText('Play');
  await bar.locator('input[name=beta]').fill('0.3');
  await expect.poll(() => new URL(page.url()).searchParams.get('beta')).toBe('0.3');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? '')).toBe('');
  await expect(bar).toHaveCount(0);
  await page.locator('button[name=fullscreen]').click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? '')).toBe('view-panel');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? '')).toBe('');
});

test('embed mode with controls=beta shows a β slider with its β_c mark, clear of the frame edges', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 600 });
  await page.goto('./?embed=1&controls=beta,k,wobble&T=50');
  const embed = page.getByTestId('embed-controls');
  const beta = embed.locator('input[type=range][name=beta]');
  await expect(beta).toBeVisible();
  await expect(embed.locator('.range-mark')).toHaveText(['β_c', 'β_fold']);
  await expect(embed.locator('input[type=range][name=k]')).toBeVisible();
  await expect(embed).toContainText('wobble is not a slider here');
  for (const [name, el] of [['view', page.getByTestId('flow-canvas')], ['β slider', beta], ['play', page.locator('button[name=play]')], ['open full', page.getByTestId('open-full')]] as const) {
    await insideViewport(page, el, `embed ${name}`, 1);
  }
  await beta.fill('0.3');
  await expect(page.getByTestId('average-marker')).toHaveAttribute('data-kind', 'minimum');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test('one finger scrolls past the view (two rotate), and β sits right under it', async ({ page }) => {
    await page.goto('./');
    const canvas = page.getByTestId('flow-canvas').locator('canvas').first();
    await expect(canvas).toBeVisible();
    expect(await canvas.evaluate((el) => getComputedStyle(el).touchAction)).toBe('pan-y');
    await expect(page.getByTestId('touch-hint')).toBeVisible();
    const view = (await page.getByTestId('flow-canvas').boundingBox())!;
    const beta = (await page.locator('fieldset.controls input[type=range][name=beta]').boundingBox())!;
    expect(beta.y).toBeGreaterThan(view.y + view.height);
    expect(beta.y - (view.y + view.height)).toBeLessThan(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test('a tap on the view gives one finger to the camera; a tap again, or a touch elsewhere, gives it back to scrolling', async ({ page }) => {
    await page.goto('./?T=5&t=5');
    const view = page.getByTestId('flow-canvas');
    const canvas = view.locator('canvas').first();
    await expect(canvas).toBeVisible();
    const box = (await canvas.boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.touchscreen.tap(centre.x, centre.y);
    await expect(page.getByTestId('touch-hint')).toHaveText(/one finger rotates/);
    expect(await canvas.evaluate((el) => getComputedStyle(el).touchAction)).toBe('none');
    await page.touchscreen.tap(centre.x, centre.y);
    await expect(page.getByTestId('touch-hint')).toHaveText(/two fingers rotate/);
    expect(await canvas.evaluate((el) => getComputedStyle(el).touchAction)).toBe('pan-y');
    await page.touchscreen.tap(centre.x, centre.y);
    await expect(page.getByTestId('touch-hint')).toHaveText(/one finger rotates/);
    // a one-finger drag now turns the camera (its position goes into the link)
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', centre.x, centre.y);
    for (let i = 1; i <= 8; i++) await touch('touchMove', centre.x + 12 * i, centre.y);
    await touch('touchEnd', centre.x + 96, centre.y);
    await expect.poll(() => new URL(page.url()).searchParams.get('cam')).not.toBeNull();
    const heading = (await page.locator('h1').boundingBox())!;
    await page.touchscreen.tap(heading.x + 10, heading.y + 10);
    await expect(page.getByTestId('touch-hint')).toHaveText(/two fingers rotate/);
  });
});
