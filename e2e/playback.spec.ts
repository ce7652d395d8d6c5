// Playback a lecturer can rely on: a parameter change after the end plays again from the same
// seeded start, Space acts on the app and never on the last clicked button, camera moves leave
// the run alone, Step is a tenth of a decade, no NaN ever shows, and a paused link (`t=`)
// reopens on the same frame the command line computes for T = t, with its plots' history.
// (speed=1 or 2 in links: fewer frames to the end, while what happens on the way is still seen.)
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cliFlow, expect, expectFlowStill, flowIdle, linkSettled, outcomeCounts, simTime, slider, test, waitForEnd, watchFlowWorker } from './fixtures.ts';

const playButton = (page: Page) => page.locator('button[name=play]');
const isPlaying = async (page: Page) => (await playButton(page).getAttribute('aria-pressed')) === 'true';
const linkValue = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function dragView(page: Page) {
  const box = (await page.getByTestId('flow-canvas').boundingBox())!;
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 140, y + 50, { steps: 8 });
  await page.mouse.up();
  await page.mouse.wheel(0, 150);
}

test('a β change after the run ended restarts it from the same seeded start and plays', async ({ page }) => {
  await page.goto('./?T=2&n=200&beta=0.3&speed=1');
  await waitForEnd(page);
  const reference = await outcomeCounts(page);
  await slider(page, 'beta').fill('0.2');
  await expect.poll(() => isPlaying(page)).toBe(true);
  await expect.poll(() => simTime(page)).toBeLessThan(2);
  await waitForEnd(page);
  // and back: the same seeded start gives exactly the first run's outcome
  await slider(page, 'beta').fill('0.3');
  await expect.poll(() => isPlaying(page)).toBe(true);
  await waitForEnd(page);
  expect(await outcomeCounts(page)).toEqual(reference);
});

test('Space after clicking New seed toggles play and leaves the seed alone', async ({ page }) => {
  await page.goto('./?d=1000000&T=1000000&seed=5&speed=1');
  await page.locator('button[name=newseed]').click();
  await expect.poll(() => linkValue(page, 'seed')).toBe('6');
  await expect.poll(() => isPlaying(page)).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(() => isPlaying(page)).toBe(false);
  await page.keyboard.press(' ');
  await expect.poll(() => isPlaying(page)).toBe(true);
  await linkSettled(page);
  expect(linkValue(page, 'seed')).toBe('6');
  // the same after the theme button: Space plays, the theme stays
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.locator('button[name=theme]').click();
  const switched = await page.locator('html').getAttribute('data-theme');
  expect(switched).not.toBe(theme);
  await page.keyboard.press(' ');
  await expect.poll(() => isPlaying(page)).toBe(false);
  expect(await page.locator('html').getAttribute('data-theme')).toBe(switched);
  // r and s act on the app too, wherever the mouse left focus
  await page.locator('button[name=newseed]').click();
  await expect.poll(() => linkValue(page, 'seed')).toBe('7');
  // the new seed plays; r takes it back to its start (and it plays on from there)
  await expect.poll(() => simTime(page)).toBeGreaterThan(100);
  const before = await simTime(page);
  await page.keyboard.press('r');
  await expect.poll(() => simTime(page)).toBeLessThan(before / 100);
  expect(linkValue(page, 'seed')).toBe('7');
});

test('Space still presses a button reached with Tab', async ({ page }) => {
  await page.goto('./?d=1000000&T=1000000&seed=5');
  await page.locator('button[name=step]').focus();
  await page.keyboard.press('Tab'); // keyboard focus on Reset, then New seed
  await page.keyboard.press('Tab');
  await expect(page.locator('button[name=newseed]')).toBeFocused();
  await page.keyboard.press(' ');
  await expect.poll(() => linkValue(page, 'seed')).toBe('6');
});

test('rotating or zooming after the end leaves Play working', async ({ page }) => {
  await page.goto('./?T=1&speed=1');
  await waitForEnd(page);
  await dragView(page);
  await expect.poll(() => linkValue(page, 'cam')).toMatch(/^-?\d/);
  await expect(playButton(page)).toHaveText('Play');
  await playButton(page).click();
  await expect.poll(() => simTime(page)).toBeLessThan(1);
  const t = await simTime(page);
  await expect.poll(() => simTime(page)).toBeGreaterThan(t);
  await waitForEnd(page);
});

test('a camera move while paused mid-run keeps the paused time; Play continues from it', async ({ page }) => {
  await watchFlowWorker(page);
  await page.goto('./?T=1000&speed=0.5');
  await expect.poll(() => simTime(page)).toBeGreaterThan(0.05);
  await page.keyboard.press(' ');
  await expect.poll(() => isPlaying(page)).toBe(false);
  await flowIdle(page); // a frame in flight may still land
  const paused = await simTime(page);
  await dragView(page);
  await expect.poll(() => linkValue(page, 'cam')).toMatch(/^-?\d/);
  await expectFlowStill(page);
  expect(await simTime(page)).toBe(paused);
  expect(await isPlaying(page)).toBe(false);
  await playButton(page).click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(paused);
});

test('Step multiplies t by 10^0.1', async ({ page }) => {
  await page.goto('./?t=1.5&T=100');
  await expect.poll(() => simTime(page)).toBe(1.5);
  await page.locator('button[name=step]').click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(1.5);
  expect((await simTime(page)) / 1.5).toBeCloseTo(10 ** 0.1, 9);
  const t = await simTime(page);
  await page.keyboard.press('s');
  await expect.poll(() => simTime(page)).toBeGreaterThan(t);
  expect((await simTime(page)) / t).toBeCloseTo(10 ** 0.1, 9);
  expect(await isPlaying(page)).toBe(false);
});

test('the page never shows NaN, from the first paint on', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { nanSeen: string[] }).nanSeen = seen;
    new MutationObserver(() => {
      const text = document.body?.textContent ?? '';
      const m = /.{0,30}NaN.{0,30}/.exec(text);
      if (m) seen.push(m[0]);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('./?T=3&speed=1');
  await waitForEnd(page);
  expect(await page.evaluate(() => (window as unknown as { nanSeen: string[] }).nanSeen)).toEqual([]);
});

test('pausing writes t to the link; that link reopens paused at t with the counts the CLI gives for T = t', async ({ page }) => {
  await watchFlowWorker(page);
  await page.goto('./?n=150&d=400&seed=3&speed=0.6');
  expect(linkValue(page, 't')).toBeNull();
  await expect.poll(() => simTime(page)).toBeGreaterThan(8);
  await page.keyboard.press(' ');
  await expect.poll(() => linkValue(page, 't')).not.toBeNull();
  await flowIdle(page); // a frame in flight may land and move t once more
  const t = await simTime(page);
  await expect.poll(() => Number(linkValue(page, 't'))).toBe(t);
  const shown = await outcomeCounts(page);
  // the command line for this link with T = t, started now: it runs while the link reopens
  const paused = page.url();
  const query = new URLSearchParams(new URL(paused).search);
  query.delete('t');
  query.set('T', String(t));
  const printed = cliFlow(query.toString());

  await page.goto(paused);
  await expect.poll(() => simTime(page)).toBe(t);
  expect(await isPlaying(page)).toBe(false);
  expect(await outcomeCounts(page)).toEqual(shown);
  // the replay stops at t: nothing more is asked of the worker
  await expectFlowStill(page);
  expect(await simTime(page)).toBe(t);
  // the plots' history is rebuilt on the way to t: the loss and overlap charts are not empty
  const [history] = await Promise.all([page.waitForEvent('download'), page.locator('button[name=exporthistory]').click()]);
  const rows = readFileSync(await history.path(), 'utf8').trim().split('\n').slice(1);
  expect(rows.length).toBeGreaterThan(20);
  expect(Number(rows.at(-1)!.split(',')[0])).toBeCloseTo(t, 6);

  const cli = await printed;
  expect(cli.t).toBe(t);
  expect(cli.counts).toEqual(shown);

  // playing again drops t from the link
  await playButton(page).click();
  await expect.poll(() => linkValue(page, 't')).toBeNull();
});

test('n, d, seed, tol and T take typed values; bad text is refused with a message', async ({ page }) => {
  await page.goto('./?n=50&speed=4');
  const entry = (key: string) => page.locator(`.exact-values input[name=${key}]`);
  await entry('d').fill('1e6');
  await entry('d').press('Enter');
  await expect.poll(() => linkValue(page, 'd')).toBe('1000000');
  await expect(slider(page, 'd')).toHaveAttribute('aria-valuetext', '10^6');
  await entry('n').fill('1,234');
  await entry('n').press('Enter');
  await expect.poll(() => linkValue(page, 'n')).toBe('1234');
  await entry('seed').fill('abc');
  await entry('seed').press('Enter');
  await expect(page.locator('.exact-values [role=alert]')).toContainText('"abc" is not a number; kept 1');
  expect(linkValue(page, 'seed')).toBe('1');
  await entry('tol').fill('0.9');
  await entry('tol').press('Enter');
  await expect(page.getByTestId('notice')).toContainText('outside');
  await expect(entry('tol')).toHaveValue('0.5');
  await entry('T').fill('0.5');
  await entry('T').press('Enter');
  await waitForEnd(page);
  expect(await simTime(page)).toBe(0.5);
});
