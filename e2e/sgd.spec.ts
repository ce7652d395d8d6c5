// Online SGD in the page: a dyn=sgd link runs in the worker, pauses at T with the counts the CLI
// prints for the same link, reads out its samples, and draws the flow's prediction dashed; the
// Dynamics control switches to live sizes; a link asking for too much is refused with the estimate;
// the time charts switch between flow time t and samples.
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { cliFlow, expect, outcomeCounts, simTime, test, waitForEnd } from './fixtures.ts';

const LINK = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';
/** Pages that only need the end of the run play it at the top speed (a view parameter). */
const FAST = '&speed=4';

test('a dyn=sgd link pauses at T with the CLI’s counts and samples = round(T/η)', async ({ page }) => {
  const query = `${LINK}&T=3`;
  const cli = cliFlow(query);
  await page.goto(`/?${query}${FAST}`);
  await waitForEnd(page, 50_000);
  expect(await simTime(page)).toBe(3);
  const printed = await cli;
  expect(printed.samples).toBe(60000);
  expect(await outcomeCounts(page)).toEqual(printed.counts);
  await expect(page.getByTestId('sgd-samples')).toHaveAttribute('data-value', '60000');
  await expect(page.getByTestId('sgd-readout')).toContainText('d^2');
  await expect(page.getByTestId('overlap-legend-sgd')).toBeVisible();
  await expect(page.locator('select[name=dyn]')).toHaveValue('sgd');
});

test('playing an SGD run advances the worker; the plot shows SGD and the dashed flow', async ({ page }) => {
  await page.goto(`/?${LINK}&speed=2`);
  await expect.poll(() => simTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  const samples = Number(await page.getByTestId('sgd-samples').getAttribute('data-value'));
  expect(samples).toBeGreaterThan(0);
  await page.getByTestId('overlap-plot').scrollIntoViewIfNeeded();
  await page.getByTestId('overlap-plot').screenshot({ path: 'test-results/sgd-overlap-plot.png' });
});

/** The x series' legend entry of a uPlot chart: its name and the value at the cursor. */
const xLegend = (chart: Locator) => chart.locator('xpath=following-sibling::div[1]').locator('.u-series').first();

test('the time-axis switch relabels the time charts in samples and back, by keyboard, and the link keeps it', async ({ page }) => {
  // tall enough that the presenter strip's charts have room to hover
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`/?${LINK}&T=3${FAST}`);
  await waitForEnd(page, 50_000);
  const charts = [page.getByTestId('overlap-plot'), page.getByTestId('loss-plot')];
  for (const chart of charts) {
    await expect(chart).toHaveAttribute('data-x-unit', 't');
    await expect(chart).toHaveAttribute('data-x-title', 'flow time t (log scale)');
  }
  const tTicks = await charts[0].getAttribute('data-x-ticks');
  expect(tTicks).toMatch(/(^| )1( |$)/);
  const before = await charts[0].screenshot();

  const group = page.getByRole('group', { name: 'Time axis' });
  const tRadio = group.getByRole('radio', { name: 'flow time t' });
  const samplesRadio = group.getByRole('radio', { name: 'samples' });
  await expect(tRadio).toBeChecked();
  // native radios: focus the checked one and move with an arrow key
  await tRadio.focus();
  await page.keyboard.press('ArrowRight');
  await expect(samplesRadio).toBeChecked();
  await expect.poll(() => new URL(page.url()).searchParams.get('taxis')).toBe('samples');
  for (const chart of charts) {
    await expect(chart).toHaveAttribute('data-x-unit', 'samples');
    // η = 0.05·100^(−3/2) = 5·10⁻⁵, batch 1: 20000 samples per unit t
    await expect(chart).toHaveAttribute('data-x-title', 'samples (log scale) = 20000·t');
    await expect(chart).toHaveAttribute('data-x-ticks', /^10[²³]( 10[⁰-⁹]+)+$/);
    await expect(xLegend(chart)).toContainText('samples');
  }
  // near the end of the run (t = 3, 60,000 samples) the legend reads a whole sample count
  const over = charts[1].locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = (await over.boundingBox())!;
  const atEnd = { x: box.x + box.width - 1, y: box.y + box.height / 2 };
  await page.mouse.move(atEnd.x, atEnd.y);
  const hoverValue = xLegend(charts[1]).locator('.u-value');
  await expect(hoverValue).toHaveText(/^\d{2},\d{3}$/);
  const samples = Number((await hoverValue.textContent())!.replace(/,/g, ''));
  expect(samples).toBeGreaterThan(55000);
  expect(samples).toBeLessThanOrEqual(60000);
  await page.mouse.move(0, 0);
  // the canvas itself changed (new tick text and title), not only its attributes
  expect(Buffer.compare(before, await charts[0].screenshot())).not.toBe(0);

  await page.keyboard.press('ArrowLeft');
  await expect(tRadio).toBeChecked();
  await expect.poll(() => new URL(page.url()).searchParams.has('taxis')).toBe(false);
  await expect(charts[0]).toHaveAttribute('data-x-unit', 't');
  await expect(charts[0]).toHaveAttribute('data-x-ticks', tTicks!);
  // the same point in t: samples = 20000·t (t shown to three digits)
  await page.mouse.move(atEnd.x, atEnd.y);
  await expect(hoverValue).toHaveText(/^\d\.\d+$|^3$/);
  expect(Math.abs(Number(await hoverValue.textContent()) * 20000 - samples)).toBeLessThanOrEqual(0.005 * samples);
});

test('a shared link with taxis=samples opens with the samples axis', async ({ page }) => {
  await page.goto(`/?${LINK}&T=3&taxis=samples${FAST}`);
  await waitForEnd(page, 50_000);
  await expect(page.getByRole('radio', { name: 'samples' })).toBeChecked();
  await expect(page.getByTestId('loss-plot')).toHaveAttribute('data-x-unit', 'samples');
});

test('switching to SGD writes live n and d into the link', async ({ page }) => {
  await page.goto('/?k=3&n=300&d=1000');
  // the flow draws no samples: no time-axis switch
  await expect(page.getByTestId('overlap-plot')).toHaveAttribute('data-x-unit', 't');
  await expect(page.getByTestId('time-axis-switch')).toHaveCount(0);
  await page.locator('select[name=dyn]').selectOption('sgd');
  await expect(page.getByTestId('time-axis-switch')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('dyn')).toBe('sgd');
  const q = new URL(page.url()).searchParams;
  expect([q.get('n'), q.get('d')]).toEqual(['50', '100']);
  await expect(page.getByTestId('sgd-readout')).toBeVisible();
  await page.getByRole('radio', { name: 'samples' }).check();
  await page.locator('select[name=dyn]').selectOption('flow');
  await expect.poll(() => new URL(page.url()).searchParams.get('dyn')).toBe('flow');
  // back to the flow: the charts read t again and the link drops samples
  await expect(page.getByTestId('time-axis-switch')).toHaveCount(0);
  await expect(page.getByTestId('overlap-plot')).toHaveAttribute('data-x-unit', 't');
  expect(new URL(page.url()).searchParams.has('taxis')).toBe(false);
});

test('a link asking for too much SGD is refused with the estimate and runs the flow', async ({ page }) => {
  await page.goto('/?dyn=sgd&n=300&d=1000&k=3');
  const notice = page.getByTestId('notice').first();
  await expect(notice).toContainText('n·d·samples');
  await expect(notice).toContainText('using');
  await expect(page.locator('select[name=dyn]')).toHaveValue('flow');
});

test('with dyn=sgd the explore panel runs SGD sweeps, refuses one too large with its number, and the basin map says it shows the flow', async ({ page }) => {
  // d = 20: an SGD run of a few neurons to the end takes a second
  await page.goto('/?dyn=sgd&d=20&n=50&k=3&beta=0.1&T=2');
  const card = page.getByTestId('sweep-beta');
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByTestId('sweep-dynamics')).toContainText('online SGD');
  await expect(page.getByTestId('basin-dynamics')).toContainText('population gradient flow');
  // 14 β (11 on the grid, 3 inside the bistable window) × 200 trials of n = 50 is far more than
  // a live run's budget: refused before it starts
  await card.locator('input[name="trials"]').fill('200');
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText(/failed: online SGD: this sweep's 2800 runs need n·d·samples ≈ \d\.\d\de\+\d+ in all, more than the limit 5\.00e\+10/);
  // a small one runs, on SGD: its CSV says so
  for (const [name, v] of Object.entries({ from: '0.1', to: '0.2', points: '2', trials: '1', n: '2' })) await card.locator(`input[name="${name}"]`).fill(v);
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 90_000 });
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'CSV' }).click();
  const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
  expect(csv).toContain('# dyn=sgd\n# eta=default\n# batch=1\n');
});

for (const scheme of ['dark', 'light'] as const) {
  test(`the time-axis switch and the SGD charts have no serious accessibility problems (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/?${LINK}&T=1&taxis=samples${FAST}`);
    await waitForEnd(page, 50_000);
    await expect(page.getByRole('radio', { name: 'samples' })).toBeChecked();
    const result = await new AxeBuilder({ page }).include('.run-plots').analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
    expect(bad).toEqual([]);
  });
}
