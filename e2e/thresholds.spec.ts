// The second threshold and the labels that never overstate, as the app shows them.
import { expect, loadScreenshot, outcomeCounts, slider, test, waitForEnd, type Screenshot } from './fixtures.ts';

test('β slider, readouts and μ_span plot show both thresholds and the bistable window', async ({ page }) => {
  await page.goto('./?beta=0.2&k=3&p=3');
  await expect(page.getByTestId('beta-c')).toHaveText('0.25');
  await expect(page.getByTestId('beta-fold')).toHaveText('0.2612');
  const marks = page.locator('.range-marks .range-mark');
  await expect(marks.filter({ hasText: /^β_c$/ })).toBeVisible();
  await expect(marks.filter({ hasText: /^β_fold$/ })).toBeVisible();
  // the two labels sit side by side, not on top of each other
  const c = (await marks.filter({ hasText: /^β_c$/ }).boundingBox())!;
  const f = (await marks.filter({ hasText: /^β_fold$/ }).boundingBox())!;
  expect(c.x + c.width).toBeLessThanOrEqual(f.x + 1);
  await expect(page.getByTestId('threshold-plot')).toHaveAttribute('aria-label', /Both minima coexist .* \[0\.250, 0\.261\]/);
  await expect(page.getByTestId('index-minimum')).toHaveText(/overlap 0\.9924/);
  await slider(page, 'beta').fill('0.3');
  await expect(page.getByTestId('index-minimum')).toHaveText('none at this β');
});

test('the bistable window is shaded on the μ_span plot (k = 5, p = 6: [0.444, 0.515])', async ({ page }) => {
  await page.goto('./?beta=0.1&k=5&p=6');
  await expect(page.getByTestId('beta-fold')).toHaveText('0.5147');
  const plot = page.getByTestId('threshold-plot');
  await expect(plot).toHaveAttribute('aria-label', /\[0\.444, 0\.515\]/);
  // a row near the bottom of the plot area (below the curve, away from labels): the columns
  // inside the window are tinted, those just outside are not
  const tintedColumns = async () => {
    await loadScreenshot(page, plot);
    const tint = await page.evaluate(() => {
      const s = (window as unknown as { screenshot: Screenshot }).screenshot;
      const rowBrightness = (y: number) => {
        const out: number[] = [];
        for (let x = 0; x < s.width; x++) {
          const o = (y * s.width + x) * 4;
          out.push(s.data[o] + s.data[o + 1] - s.data[o + 2]);
        }
        return out;
      };
      return { width: s.width, row: rowBrightness(Math.floor(s.height * 0.62)) };
    });
    // the shaded run: columns clearly warmer than the row's left edge (plain background)
    const base = Math.max(...tint.row.slice(0, 10));
    return tint.row.flatMap((v, x) => (v > base + 12 ? [x / tint.width] : []));
  };
  // the chart paints its canvas after the description is set: poll until the shading is there,
  // in the middle of the canvas, where β ≈ 0.44–0.52 is drawn
  await expect
    .poll(async () => {
      const xs = await tintedColumns();
      if (xs.length > 5 && Math.min(...xs) > 0.3 && Math.max(...xs) < 0.75) return 'shaded inside the window';
      return `${xs.length} tinted columns, from ${Math.min(...xs)} to ${Math.max(...xs)}`;
    })
    .toBe('shaded inside the window');
});

test('labels: another fixed point with its subset, the even-p merge note, k = 1 without μ_span', async ({ page }) => {
  await page.goto('./?geom=gram&k=3&gram=1,0.3,-0.2,0.3,1,0.5,-0.2,0.5,1&p=3&d=200&n=200&T=600&speed=4');
  await waitForEnd(page);
  await expect(page.getByTestId('outcome-counts')).toContainText(/1\d\d at another fixed point \(near the average of v2, v3\)/);
  const c = (await outcomeCounts(page))!;
  expect(c.otherKinds.unsettled).toBe(0);
  expect(c.fixedPoints[0].subset).toEqual([2, 3]);

  await page.goto('./?k=3&p=4&T=100&speed=4');
  await waitForEnd(page);
  await expect(page.getByTestId('even-merge-note')).toContainText('φ is even');

  await page.goto('./?k=1&p=3');
  await expect(page.getByTestId('mu-span')).toHaveText('—');
  await expect(page.getByTestId('beta-fold')).toHaveText('');
});
