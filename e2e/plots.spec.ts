// The 2-D plots on their charting libraries: series readable in both themes, live theme
// switches, hover readouts that match the CSV, and the linked interactions (μ_span click sets
// β, a phase-diagram cell opens its configuration, a sweep link reopens the same sweep).
import type { Locator, Page } from '@playwright/test';
import { expect, loadScreenshot, slider, test, type Screenshot } from './fixtures.ts';

// these tests wait for runs and sweeps to finish: on a shared 2-core machine that can take a while
test.describe.configure({ timeout: 150_000 });

const css = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

/** Pixels of the element's screenshot within a small distance of each colour (any CSS colour). */
async function pixelsNear(page: Page, el: Locator, colours: string[], tolerance = 40): Promise<number[]> {
  await loadScreenshot(page, el);
  return page.evaluate(({ colours, tolerance }) => {
    const probe = document.createElement('canvas').getContext('2d')!;
    const rgb = colours.map((c) => {
      probe.fillStyle = '#000';
      probe.fillStyle = c;
      const h = probe.fillStyle as string;
      return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    });
    const d = (window as unknown as { screenshot: Screenshot }).screenshot.data;
    const hits = colours.map(() => 0);
    for (let i = 0; i < d.length; i += 4) {
      rgb.forEach((t, j) => {
        if (Math.abs(d[i] - t[0]) + Math.abs(d[i + 1] - t[1]) + Math.abs(d[i + 2] - t[2]) < tolerance) hits[j]++;
      });
    }
    return hits;
  }, { colours, tolerance });
}

/** WCAG contrast of two CSS colours, computed in the page. */
function contrast(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(([a, b]) => {
    const probe = document.createElement('canvas').getContext('2d')!;
    const lum = (c: string) => {
      probe.fillStyle = c;
      const h = probe.fillStyle as string;
      const [r, g, bl] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [lum(a), lum(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }, [a, b]);
}

/** Colours of the series a uPlot chart draws, from its legend markers (kept in step with the lines). */
const seriesColours = (chart: Locator) =>
  chart.locator('xpath=following-sibling::div[1]').locator('.u-series .u-marker').evaluateAll((els) => els.slice(1).map((e) => getComputedStyle(e).borderColor));

async function runSweep(card: Locator, values: Record<string, string>) {
  for (const [name, v] of Object.entries(values)) await card.locator(`input[name="${name}"]`).fill(v);
  await card.getByRole('button', { name: 'Run' }).click();
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 40_000 });
}

async function downloadCsv(page: Page, card: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'CSV' }).click();
  const chunks = await (await (await download).createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8');
}

/** Page position of a data point in an Observable Plot chart, through the chart's own scales. */
async function plotPoint(chart: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  await chart.scrollIntoViewIfNeeded();
  return chart.evaluate((host, [x, y]) => {
    type Scaled = Element & { scale(name: string): { apply(v: number): number } };
    // the chart is the host's first child (a figure when it has a legend); the plot is its last svg
    const fig = host.firstElementChild as Scaled;
    const box = [...host.querySelectorAll('svg')].pop()!.getBoundingClientRect();
    return { x: box.left + fig.scale('x').apply(x), y: box.top + fig.scale('y').apply(y) };
  }, [x, y]);
}

for (const scheme of ['dark', 'light'] as const) {
  test(`every live plot's series stands out from its panel above β_c (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // above β_c most neurons head for the average: the series once drawn white on white
    await page.goto('./?beta=0.3&k=3&p=3&n=60&T=200&speed=4');
    await expect(page.locator('.readout.time')).toContainText('(end)', { timeout: 100_000 });
    const panel = await css(page, '--panel');
    for (const id of ['threshold-plot', 'overlap-plot', 'loss-plot']) {
      const chart = page.getByTestId(id);
      const colours = [...new Set(await seriesColours(chart))];
      expect(colours.length, id).toBeGreaterThan(0);
      const hits = await pixelsNear(page, chart, colours);
      let drawn = 0;
      for (const [i, c] of colours.entries()) {
        const ratio = await contrast(page, c, panel);
        if (hits[i] > 30) {
          drawn++;
          expect(ratio, `${id}: series ${c} on ${panel}`).toBeGreaterThanOrEqual(3);
        }
      }
      expect(drawn, `${id}: drawn series`).toBeGreaterThan(0);
    }
  });
}

test('switching the theme recolours axis text and series without a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./?beta=0.2&k=3&p=3&n=40&T=20&sw=beta&swFrom=0.1&swTo=0.4&swPoints=3&swTrials=1&swN=20');
  const chart = page.getByTestId('threshold-plot');
  // until the run's info arrives the test id names a placeholder, which the chart then replaces
  await expect(chart.locator('canvas').first()).toBeVisible();
  const darkFg = await css(page, '--fg');
  const darkBefore = (await pixelsNear(page, chart, [darkFg], 20))[0];
  expect(darkBefore).toBeGreaterThan(100);
  // the text's own colour, closer than any blend of the light theme's text with its panel comes
  // (those are greys, r = g = b within a few units; the dark text is bluish): see below
  const darkCore = (await pixelsNear(page, chart, [darkFg], 10))[0];
  expect(darkCore).toBeGreaterThan(30);
  const sweep = page.getByTestId('sweep-beta-chart');
  await expect(page.getByTestId('sweep-beta').locator('.explore-status')).toContainText('done', { timeout: 40_000 });
  await page.getByRole('button', { name: /Switch to the light theme/ }).click();
  const lightFg = await css(page, '--fg');
  expect(lightFg).not.toBe(darkFg);
  await expect.poll(async () => (await pixelsNear(page, chart, [lightFg], 20))[0]).toBeGreaterThan(100);
  // the old text colour is gone: what comes near it is the antialiased rim of the new dark text
  // on the white panel, greys that pass by the old colour but not as close as 10 (a chart that had
  // not redrawn keeps every one of its text pixels)
  expect((await pixelsNear(page, chart, [darkFg], 10))[0]).toBeLessThan(darkCore * 0.2);
  // the sweep's axes are drawn in currentColor: they follow without a reload (polled: a chart
  // drawn again for the new theme can be read mid-way on a loaded machine)
  const svgColour = () => sweep.locator('svg').last().evaluate((e) => getComputedStyle(e).color);
  await expect.poll(async () => contrast(page, await svgColour(), lightFg)).toBeLessThan(1.1);
});

test('clicking the μ_span plot at β = 0.3 sets the β slider there', async ({ page }) => {
  await page.goto('./?beta=0.1&k=3&p=3');
  const over = page.getByTestId('threshold-plot').locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  await expect(over).toBeVisible();
  const box = (await over.boundingBox())!;
  // the β axis runs 0 … 1 across the plot area
  await page.mouse.click(box.x + 0.3 * box.width, box.y + box.height / 2);
  await expect.poll(async () => Number(await slider(page, 'beta').inputValue())).toBeGreaterThan(0.29);
  expect(Math.abs(Number(await slider(page, 'beta').inputValue()) - 0.3)).toBeLessThanOrEqual(0.01);
  // dragging moves it on
  await page.mouse.move(box.x + 0.3 * box.width, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.5 * box.width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await slider(page, 'beta').inputValue())).toBeGreaterThan(0.45);
  // hovering reads μ_span at the cursor in the legend
  await page.mouse.move(box.x + 0.6 * box.width, box.y + box.height / 2);
  await expect(page.getByTestId('threshold-plot').locator('xpath=following-sibling::div[1]')).toContainText(/β\s*0\.(59\d|60\d?)/);
});

test('the β sweep stacks four fractions to 1, its hover readout matches the CSV, and a click opens that β', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3&n=40&T=2');
  const card = page.getByTestId('sweep-beta');
  await runSweep(card, { from: '0.1', to: '0.4', points: '4', trials: '2', n: '30' });
  const csv = await downloadCsv(page, card);
  const lines = csv.trim().split('\n');
  const header = Object.fromEntries(lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2).split(/=(.*)/s).slice(0, 2)));
  for (const key of ['k', 'p', 'd', 'seed', 'sigma', 'target', 'betaC', 'query', 'grid', 'trials', 'schema', 'version']) expect(header, key).toHaveProperty(key);
  expect(header.betaC).toBe('0.25');
  const table = lines.filter((l) => !l.startsWith('#'));
  const cols = table[0].split(',');
  const rows = table.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], Number(v)])));
  for (const r of rows) expect(r.recoveredFraction + r.attractedOnlyFraction + r.atAverageFraction + r.otherFraction).toBeCloseTo(1, 12);

  const chart = card.getByTestId('sweep-beta-chart');
  // drawn: at β = 0.2 the column from 0 to 1 is filled by the stack, no panel showing through
  const panel = await css(page, '--panel');
  const top = await plotPoint(chart, 0.2, 0.98), bottom = await plotPoint(chart, 0.2, 0.02);
  await loadScreenshot(page, chart);
  const box = (await chart.boundingBox())!;
  const gaps = await page.evaluate(({ x, y0, y1, panel }) => {
    const s = (window as unknown as { screenshot: Screenshot }).screenshot;
    const scale = s.width / (document.querySelector('[data-testid=sweep-beta-chart]') as HTMLElement).getBoundingClientRect().width;
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = panel;
    const p = [1, 3, 5].map((i) => parseInt((probe.fillStyle as string).slice(i, i + 2), 16));
    let gap = 0;
    for (let y = Math.round(y0 * scale); y <= Math.round(y1 * scale); y++) {
      const i = (y * s.width + Math.round(x * scale)) * 4;
      if (Math.abs(s.data[i] - p[0]) + Math.abs(s.data[i + 1] - p[1]) + Math.abs(s.data[i + 2] - p[2]) < 12) gap++;
    }
    return gap;
  }, { x: top.x - box.x, y0: top.y - box.y, y1: bottom.y - box.y, panel });
  expect(gaps).toBe(0);

  // hover at β = 0.3: the tip shows that row's numbers as in the CSV
  const at = await plotPoint(chart, 0.3, 0.5);
  await page.mouse.move(at.x, at.y);
  const tip = chart.locator('[aria-label="tip"]');
  await expect(tip).toContainText('β = 0.3');
  const row = rows.find((r) => r.beta === 0.3)!;
  const text = (await tip.textContent()) ?? '';
  for (const [label, key] of [['recovered', 'recoveredFraction'], ['attracted, not recovered', 'attractedOnlyFraction'], ['at average w̄', 'atAverageFraction']] as const) {
    const m = new RegExp(`${label}: ([0-9.e-]+)`).exec(text);
    expect(m, label).not.toBeNull();
    expect(Number(m![1])).toBeCloseTo(row[key], 3);
  }
  await page.mouse.click(at.x, at.y);
  await expect(page).toHaveURL(/[?&]beta=0\.3(&|$)/);
  await expect(slider(page, 'beta')).toHaveValue('0.3');
});

test('a phase-diagram cell shows its numbers on hover and a click opens its β and k', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3&n=40&T=2');
  const card = page.getByTestId('sweep-phase');
  await runSweep(card, { to: '0.6', points: '4', kFrom: '2', kTo: '4', trials: '1', n: '12' });
  const chart = card.getByTestId('sweep-phase-chart');
  // the colour bar: a ramp legend before the plot
  await expect(chart.locator('figure > svg')).toHaveCount(2);
  const at = await plotPoint(chart, 0.4, 4);
  await page.mouse.move(at.x - 5, at.y);
  await page.mouse.move(at.x, at.y);
  await expect(chart.locator('[aria-label="tip"]')).toContainText('β = 0.4, k = 4');
  await page.mouse.click(at.x, at.y);
  await expect(page).toHaveURL(/[?&]beta=0\.4(&|$)/);
  await expect(page).toHaveURL(/[?&]k=4(&|$)/);
  await expect(slider(page, 'k')).toHaveValue('4');
});

test('a sweep link reopened in a fresh page shows the same sweep; inputs show the values used', async ({ page, context }) => {
  await page.goto('./?beta=0.2&k=3&p=3&n=40&T=2');
  const card = page.getByTestId('sweep-beta');
  await runSweep(card, { from: '0.15', to: '0.35', points: '3', trials: '1', n: '3000' });
  // n = 3000 is outside the form's range: the field shows what ran
  await expect(card.locator('input[name="n"]')).toHaveValue('2000');
  await expect(card.locator('.explore-notes')).toContainText('using 2000');
  await expect(page).toHaveURL(/sw=beta/);
  const url = page.url();
  expect(url).toContain('swFrom=0.15');
  const label = await card.getByTestId('sweep-beta-chart').getAttribute('aria-label');
  const csv = await downloadCsv(page, card);

  const fresh = await context.newPage();
  await fresh.goto(url);
  const again = fresh.getByTestId('sweep-beta');
  await expect(again.locator('.explore-status')).toContainText('done', { timeout: 60_000 });
  await expect(again.locator('input[name="from"]')).toHaveValue('0.15');
  await expect(again.getByTestId('sweep-beta-chart')).toHaveAttribute('aria-label', label!);
  const body = (t: string) => t.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  expect(body(await downloadCsv(fresh, again))).toBe(body(csv));
  await fresh.close();
});

test('hovering the basin map says what a start there becomes', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3&n=40&T=2');
  const map = page.getByTestId('basin-map');
  await map.scrollIntoViewIfNeeded();
  await expect(map).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('basin-hover')).toContainText(/A start at x = \(.*\) (flows to the index vector v[123]|is trapped|ends elsewhere)/);
});
