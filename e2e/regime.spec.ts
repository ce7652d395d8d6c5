// The regime in words, the distorted minima near the v_j on the sphere, and tips that count only
// the neurons that have arrived (docs/model.md §5, §7, §8).
import type { OutcomeCounts } from '../src/core/outcomes/classify.ts';
import { cliFlow, expect, loadScreenshot, outcomeCounts, test, waitForEnd, type FlowReport, type Screenshot } from './fixtures.ts';

const arrived = (c: OutcomeCounts, j: number) => c.recovered[j] + c.atMinimum[j];

test('bistable window at its end: the sentence names both thresholds, the readout and the view the minima near the v_j', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const query = 'k=3&p=3&beta=0.255&n=300&d=1000&T=3000';
  await page.goto(`./?${query}&t=3000`);
  await waitForEnd(page);
  const sentence = page.getByTestId('regime-sentence');
  await expect(sentence).toHaveAttribute('data-kind', 'bistable');
  await expect(sentence).toContainText('β = 0.255 is between β_c = 0.25 and β_fold = 0.2612');
  await expect(sentence).toContainText('the start decides');
  // beside the view, on screen at 1280×720 without scrolling, and not over the sphere
  await expect(sentence).toBeInViewport({ ratio: 1 });
  const view = (await page.getByTestId('flow-canvas').boundingBox())!;
  expect((await sentence.boundingBox())!.y).toBeGreaterThanOrEqual(view.y + view.height);

  const cli = await cliFlow<FlowReport & { indexMinimum: { overlap: number }; regime: { kind: string; sentence: string } }>(query);
  // the command line's report says the same sentence
  expect(cli.regime.kind).toBe('bistable');
  await expect(sentence).toHaveText(cli.regime.sentence);
  await expect.poll(async () => (await outcomeCounts(page))?.atMinimum).toEqual(cli.counts.atMinimum);
  const c = (await outcomeCounts(page))!;
  expect(c.recovered).toEqual([0, 0, 0]);
  const readout = page.getByTestId('outcome-counts');
  for (let j = 0; j < 3; j++) {
    // nearly a third of the neurons each: the minima hold them, none is lost
    expect(c.atMinimum[j]).toBeGreaterThan(60);
    await expect(readout).toContainText(`${c.atMinimum[j]} at the minimum near v${j + 1} (overlap 0.93)`);
  }
  await expect(page.getByTestId('all-recovered')).not.toContainText('Not all recovered');
  await expect(page.getByTestId('all-recovered')).toHaveAttribute('data-unreached', '0');

  // a marker with its disc at each minimum: off the tip, towards w̄, on the unit sphere
  await loadScreenshot(page, page.getByTestId('flow-canvas'));
  for (let j = 0; j < 3; j++) {
    const marker = page.getByTestId(`minimum-marker-${j}`);
    await expect(marker).toHaveText('0.93');
    await expect(marker).toHaveAttribute('data-count', String(c.atMinimum[j]));
    expect(Number(await marker.getAttribute('data-overlap'))).toBeCloseTo(cli.indexMinimum.overlap, 9);
    const p = (await marker.getAttribute('data-position'))!.split(',').map(Number);
    expect(Math.hypot(p[0], p[1], p[2])).toBeCloseTo(1, 3);
    await expect.poll(async () => Number(await marker.getAttribute('data-screen-x'))).toBeGreaterThan(0);
    const x = Number(await marker.getAttribute('data-screen-x')), y = Number(await marker.getAttribute('data-screen-y'));
    // the disc is drawn there: a ring of pixels 14 px from the point (inside a disc of ~96
    // neurons at this size, outside the diamond and the dots at its centre) is brighter than a
    // ring 34 px out, beyond the disc
    const lift = await page.evaluate(
      ({ x, y }) => {
        const s = (window as unknown as { screenshot: Screenshot }).screenshot;
        const scale = s.width / document.querySelector('[data-testid=flow-canvas]')!.getBoundingClientRect().width;
        const ring = (r: number) => {
          let sum = 0, m = 0;
          for (let a = 0; a < 8; a++)
            for (let dy = -2; dy <= 2; dy++)
              for (let dx = -2; dx <= 2; dx++) {
                const px = Math.round((x + r * Math.cos((a * Math.PI) / 4)) * scale + dx), py = Math.round((y + r * Math.sin((a * Math.PI) / 4)) * scale + dy);
                const o = (py * s.width + px) * 4;
                sum += s.data[o] + s.data[o + 1] + s.data[o + 2];
                m++;
              }
          return sum / m;
        };
        return ring(14) - ring(34);
      },
      { x, y },
    );
    expect(lift, `disc at the minimum near v${j + 1}`).toBeGreaterThan(25);
  }
});

test('β = 0.3, mid-way: no tip claims arrivals the counts do not; the ones on the way are said as such', async ({ page }) => {
  // t = 8: most neurons have escaped and head for a v_j on their way to w̄ (past β_fold)
  await page.goto('./?k=3&p=3&beta=0.3&n=300&d=1000&t=8');
  await expect.poll(async () => (await outcomeCounts(page)) !== null).toBe(true);
  await expect(page.getByTestId('regime-sentence')).toHaveAttribute('data-kind', 'aboveFold');
  await expect(page.getByTestId('regime-sentence')).toContainText('above β_fold = 0.2612');
  const c = (await outcomeCounts(page))!;
  const onTheWay = [0, 1, 2].map((j) => c.attracted[j] - arrived(c, j));
  // the case the tips used to overstate: many heading for a v_j, few (if any) there
  expect(onTheWay.reduce((a, b) => a + b, 0)).toBeGreaterThan(60);
  for (let j = 0; j < 3; j++) {
    const count = page.getByTestId(`vector-tag-${j}`).getByTestId('attracted-count');
    await expect(count).toHaveAttribute('data-arrived', String(arrived(c, j)));
    const text = (await count.textContent())!;
    const claimed = Number(/· (\d+)/.exec(text)![1]);
    expect(claimed, `v${j + 1}'s tip`).toBe(arrived(c, j));
    if (onTheWay[j] > 0) expect(text).toContain(`(+${onTheWay[j]} on the way)`);
  }
});

test('while most neurons search, the sentence says how far along the plateau, in units of d^(p*/2 − 1)', async ({ page }) => {
  await page.goto('./?k=3&p=3&beta=0.255&n=300&d=1000&t=1');
  const sentence = page.getByTestId('regime-sentence');
  await expect(sentence).toHaveAttribute('data-searching', 'yes');
  await expect(sentence).toContainText(/Searching the plateau: t = 0\.032 × d\^\(1\/2\) \(d\^\(1\/2\) = 31\.6\), \d+ of 300 escaped\./);
  // the regime of β is said as well: where the neurons will go
  await expect(sentence).toContainText('between β_c = 0.25 and β_fold = 0.2612');
});

test('split view: each pane draws its own minima near the v_j, with its own overlap and counts', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?k=3&p=3&beta=0.255&n=300&d=1000&T=3000&t=3000&compare=beta:0.26');
  await waitForEnd(page, 120_000);
  const paneCounts = async (testId: string) => {
    const raw = await page.getByTestId(testId).getAttribute('data-counts');
    return raw ? (JSON.parse(raw) as OutcomeCounts) : null;
  };
  await expect.poll(async () => (await paneCounts('pane-right'))?.atMinimum?.length ?? 0).toBe(3);
  await expect.poll(async () => (await paneCounts('pane-left'))?.atMinimum?.length ?? 0).toBe(3);
  for (const [view, pane, overlap] of [['flow-canvas', 'pane-left', '0.93'], ['flow-canvas-compare', 'pane-right', '0.90']] as const) {
    const counts = (await paneCounts(pane))!;
    for (let j = 0; j < 3; j++) {
      const marker = page.getByTestId(view).getByTestId(`minimum-marker-${j}`);
      await expect(marker).toHaveText(overlap);
      await expect(marker, `${view}: the disc counts its own run`).toHaveAttribute('data-count', String(counts.atMinimum[j]));
    }
  }
});
