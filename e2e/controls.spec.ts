// Controls without dead ends, and sweeps that resolve the (β_c, β_fold) window: σ/σ* pairs that
// neither change alone can reach, geometry switches that leave nothing behind, readouts that
// say why they are empty, default sweep grids with points inside the window drawn as steps.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const START = './?k=3&n=60&d=1000&beta=0.2&T=1e12&speed=0.2';
// β_c = 1/4 and β_fold for φ = t³, k = 3 (docs/model.md §7)
const BETA_C = 0.25;
const BETA_FOLD = 0.2612;

const query = (page: Page) => new URL(page.url()).searchParams;
const model = (page: Page) => page.locator('aside fieldset.controls').filter({ has: page.locator('legend', { hasText: /^Model$/ }) });

async function finished(card: Locator) {
  await card.scrollIntoViewIfNeeded();
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 60_000 });
}

async function downloadCsv(page: Page, card: Locator): Promise<string[]> {
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'CSV' }).click();
  const chunks = await (await (await download).createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
}

test('relu/relu is two menu choices away from h₃/h₃: the first waits with a note, the second applies both', async ({ page }) => {
  await page.goto(START);
  const sigma = model(page).locator('select[name=sigma]');
  const target = model(page).locator('select[name=target]');
  await sigma.selectOption('relu');
  // relu with h₃ shares no degree: nothing runs with it, and the note says what would make it run
  await expect(page.getByTestId('sigma-error')).toContainText('share no Hermite degree');
  await expect(page.getByTestId('sigma-pending')).toContainText('σ = relu waits');
  await expect(page.getByTestId('sigma-pending')).toContainText('σ*');
  await target.selectOption('relu');
  await expect.poll(() => [query(page).get('sigma'), query(page).get('target')]).toEqual(['relu', 'relu']);
  await expect(sigma).toHaveValue('relu');
  await expect(target).toHaveValue('relu');
  await expect(page.getByTestId('sigma-error')).toBeEmpty();
  await expect(page.getByTestId('target-error')).toBeEmpty();
  await expect(page.getByTestId('sigma-pending')).toBeEmpty();
  // relu with relu: the exact arc-cosine kernel
  await expect(page.getByTestId('kernel-phi')).toContainText('arcsin');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('leaving a custom Gram matrix for another geometry gives no notice; a link with both keys does', async ({ page }) => {
  await page.goto(START);
  await model(page).locator('select[name=geom]').selectOption('gram');
  await model(page).locator('input[name=gram-1-2]').fill('0.3');
  await model(page).locator('button[name=gram-apply]').click();
  await expect.poll(() => query(page).get('geom')).toBe('gram');
  // the empty thresholds say the reason is the geometry
  await expect(page.getByTestId('beta-c-none')).toContainText('custom Gram matrix');
  await expect(page.getByTestId('beta-fold-none')).toContainText('custom Gram matrix');
  await model(page).locator('select[name=geom]').selectOption('orth');
  await expect.poll(() => query(page).get('geom')).toBe('orth');
  expect(query(page).get('gram')).toBe('');
  await model(page).locator('select[name=geom]').selectOption('equi');
  await expect.poll(() => query(page).get('geom')).toBe('equi');
  await expect(page.getByTestId('beta-c')).toHaveText('0.25');
  await expect(page.getByTestId('notice')).toHaveCount(0);

  await page.goto('./?k=3&geom=orth&gram=1,0.3,0.2,0.3,1,0.2,0.2,0.2,1');
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await expect(page.getByTestId('notice')).toContainText('a Gram matrix is used only with geom=gram');
});

test('the default β sweep at k = 3, p = 3 has points strictly inside (β_c, β_fold), drawn as steps', async ({ page }) => {
  // the grid (from, to, points) is the default; few trials and neurons keep the run short
  await page.goto('./?k=3&p=3&beta=0.2&n=50&T=2&sw=beta&swTrials=1&swN=8');
  const card = page.getByTestId('sweep-beta');
  await finished(card);
  // the card says which default grid it ran (worked out once the card is near the screen)
  await expect(card.getByTestId('sweep-beta-grid-note')).toContainText('inside the window');
  const lines = await downloadCsv(page, card);
  const betas = lines.slice(1).map((l) => Number(l.split(',')[0]));
  expect(betas.filter((b) => b > BETA_C && b < BETA_FOLD).length).toBeGreaterThanOrEqual(1);
  // every ramp would be a segment that changes x and y at once: the stacked areas have none
  const paths = await card.locator('svg [aria-label="area"] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  expect(paths.length).toBeGreaterThanOrEqual(1);
  for (const d of paths) {
    const points = [...d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points.length).toBeGreaterThan(4);
    for (let i = 1; i < points.length; i++) {
      const [dx, dy] = [points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]];
      expect(Math.min(Math.abs(dx), Math.abs(dy)), `segment ${i} of an area is a ramp`).toBeLessThan(0.01);
    }
  }
});

test('the phase diagram labels β_c(k) and β_fold(k) apart', async ({ page }) => {
  await page.goto('./?k=3&p=3&beta=0.2&n=50&T=2&sw=phase&swTrials=1&swN=3');
  const card = page.getByTestId('sweep-phase');
  await finished(card);
  // the card says which default grid it ran (worked out once the card is near the screen)
  await expect(card.getByTestId('sweep-phase-grid-note')).toContainText('finer than the distance between β_c(k)');
  const chart = card.getByTestId('sweep-phase-chart');
  const bc = chart.locator('text', { hasText: /^β_c\(k\)$/ });
  const bf = chart.locator('text', { hasText: /^β_fold\(k\)$/ });
  await expect(bc).toHaveCount(1);
  await expect(bf).toHaveCount(1);
  const a = (await bc.boundingBox())!;
  const b = (await bf.boundingBox())!;
  const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  expect(apart, `β_c(k) at ${JSON.stringify(a)}, β_fold(k) at ${JSON.stringify(b)}`).toBe(true);
});
