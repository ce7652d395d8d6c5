// Every run reaches its end in seconds: Jump to end (button and E key) shows the exact state at
// T — the counts the CLI prints for the same link — and the link then reads as an ended run; a
// playing run whose neurons have all come to rest finishes at once and says when it settled;
// while the worker cannot keep up with the speed asked for, the speed control says so.
import { cliFlow, expect, outcomeCounts, simTime, test, waitForEnd } from './fixtures.ts';

const FLOW = 'k=3&n=40&d=1000&beta=0.2&seed=2';
const SGD_EXAMPLE = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';

test('Jump to end shows the CLI’s counts at T at once, and the link reads as an ended run', async ({ page }) => {
  const cli = cliFlow(FLOW);
  await page.goto(`/?${FLOW}&speed=0.1`);
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  await page.locator('.view-bar button[name=end]').click();
  await waitForEnd(page);
  const printed = await cli;
  expect(await simTime(page)).toBe(printed.t);
  expect(await outcomeCounts(page)).toEqual(printed.counts);
  await expect(page.getByRole('button', { name: 'Play' }).first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe(String(printed.t));
});

test('the E key jumps an SGD run to its end with the CLI’s counts and samples', async ({ page }) => {
  // every one of the 20000 steps to T is taken, and the CLI runs beside the page
  test.setTimeout(120_000);
  const query = `${SGD_EXAMPLE}&T=1`;
  const cli = cliFlow(query);
  await page.goto(`/?${query}&speed=0.1`);
  await expect.poll(() => simTime(page)).toBeGreaterThan(0);
  await page.keyboard.press('e');
  await waitForEnd(page, 100_000);
  const printed = await cli;
  expect(await simTime(page)).toBe(1);
  expect(await outcomeCounts(page)).toEqual(printed.counts);
  await expect(page.getByTestId('sgd-samples')).toHaveAttribute('data-value', String(printed.samples));
});

test('a playing run whose neurons have all settled finishes at once, says when, and shows the CLI’s counts at T', async ({ page }) => {
  // the default run comes to rest near t ≈ 1100 of T ≈ 2900 (src/sim/flowSession.finish.test.ts)
  test.setTimeout(120_000);
  const query = 'beta=0.2';
  const cli = cliFlow(query);
  await page.goto(`/?${query}&speed=1`);
  const note = page.getByTestId('settled-note');
  await expect(note).toBeVisible({ timeout: 40_000 });
  const printed = await cli;
  expect(await simTime(page)).toBe(printed.t);
  const settledAt = Number(await note.getAttribute('data-value'));
  expect(settledAt).toBeGreaterThan(0);
  expect(settledAt).toBeLessThan(printed.t);
  await expect(note).toContainText('settled at t = ');
  await expect(note).toContainText('shown at T');
  await expect(page.locator('.readout.time')).toContainText('(end)');
  expect(await outcomeCounts(page)).toEqual(printed.counts);
  // the time it settled is the run's (the first time of the plots' grid at rest), not that of
  // the frame that brought the news: four times as fast, other frames, the same time
  await page.goto(`/?${query}&speed=4`);
  await expect(note).toBeVisible({ timeout: 40_000 });
  expect(Number(await note.getAttribute('data-value'))).toBe(settledAt);
});

test('the SGD example says the worker is the limit while playing; Jump to end goes on in slices and Pause stops it there', async ({ page }) => {
  // its end takes every one of 7.6·10⁶ steps (n·d·samples ≈ 3.8·10¹⁰), most of a minute of the worker's
  // time at today's SGD kernel: this checks the way there, not the arrival
  test.setTimeout(180_000);
  await page.goto(`/?${SGD_EXAMPLE}&speed=4`);
  await expect(page.getByTestId('speed-limit-note')).toContainText('the worker is the limit', { timeout: 60_000 });
  // the view is drawn by a software renderer here, so the run is shown in fewer, larger frames
  await expect(page.getByTestId('speed-limit-note')).toHaveAttribute('data-fewer-frames', 'on');
  await expect(page.getByTestId('speed-limit-note')).toHaveAttribute('title', /drawn without a GPU/);
  await page.keyboard.press('e');
  // the jump comes back in slices, each a frame further on, and the page keeps answering
  await expect(page.getByTestId('speed-limit-note')).toHaveCount(0);
  await expect.poll(() => simTime(page), { timeout: 60_000 }).toBeGreaterThan(2);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' }).first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).not.toBeNull();
  const stopped = await simTime(page);
  expect(stopped).toBeLessThan(381);
  // no further slice lands once the jump was stopped (a frame may have been in flight)
  await expect.poll(async () => Number(new URL(page.url()).searchParams.get('t'))).toBe(await simTime(page));
  await expect(page.locator('.readout.time')).not.toContainText('(end)');
});
