// Typed activations and Gram matrices: good ones change the model, bad ones are answered next to
// the field and change nothing. The shared fixture fails every test on console or page errors.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, linkSettled, simTime, test } from './fixtures.ts';

// slow playback and a far end time, so a run that was left alone is still going minutes later
const START = './?k=3&n=60&d=1000&beta=0.2&T=1e12&speed=0.2';

const query = (page: Page) => new URL(page.url()).searchParams;
const model = (page: Page) => page.locator('aside fieldset.controls').filter({ has: page.locator('legend', { hasText: /^Model$/ }) });

async function typeActivation(page: Page, key: 'sigma' | 'target', text: string) {
  const select = model(page).locator(`select[name=${key}]`);
  if ((await select.inputValue()) !== 'custom') await select.selectOption('custom');
  const field = model(page).locator(`input[name=${key}-text]`);
  await expect(field).toBeFocused();
  await field.fill(text);
  await field.press('Enter');
}

/** The run keeps going and was not restarted: flow time grows from where it was. */
async function expectRunUndisturbed(page: Page, before: number) {
  await expect.poll(() => simTime(page)).toBeGreaterThan(before * 1.05);
}

/** μ_span(β) for φ(t) = Σ c_p t^p at the equiangular average point (docs/model.md §7). */
function muSpan(c: number[], k: number, beta: number): number {
  const u = Math.sqrt((1 + (k - 1) * beta) / k);
  let d1 = 0, d2 = 0;
  for (let p = 1; p < c.length; p++) d1 += p * c[p] * u ** (p - 1);
  for (let p = 2; p < c.length; p++) d2 += p * (p - 1) * c[p] * u ** (p - 2);
  return k * u * d1 - (1 - beta) * d2;
}

/** The first sign change of μ_span on [0, 1), by a fine scan and bisection. */
function firstRoot(c: number[], k: number): number {
  let a = 0;
  for (let i = 1; i <= 10000; i++) {
    const b = (i / 10000) * 0.9999;
    if (Math.sign(muSpan(c, k, a)) !== Math.sign(muSpan(c, k, b))) {
      let lo = a, hi = b;
      for (let it = 0; it < 80; it++) {
        const mid = (lo + hi) / 2;
        if (Math.sign(muSpan(c, k, mid)) === Math.sign(muSpan(c, k, lo))) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    }
    a = b;
  }
  return NaN;
}

test.beforeEach(async ({ page }) => {
  await page.goto(START);
  await expect(page.getByTestId('beta-c')).toHaveText('0.25');
  await expect(page.getByTestId('kernel-pstar')).toHaveText('3');
});

test('a coefficient list in both fields gives the mixture kernel and its own β_c', async ({ page }) => {
  await typeActivation(page, 'sigma', '3:1,4:0.5');
  await typeActivation(page, 'target', '3:1, 4:0.5');
  // c_3 = 1·1, c_4 = 0.5·0.5; β_c from the formula, not from the app
  const root = firstRoot([0, 0, 0, 1, 0.25], 3);
  expect(root).toBeGreaterThan(0.2);
  expect(Math.abs(root - 0.25)).toBeGreaterThan(0.01);
  await expect(page.getByTestId('beta-c')).toHaveText(String(Number(root.toPrecision(4))));
  await expect(page.getByTestId('kernel-phi')).toHaveText('t³ + 0.25 t⁴');
  await expect(page.getByTestId('kernel-pstar')).toHaveText('3');
  await expect(page.getByTestId('kernel-warning')).toHaveCount(0);
  // the text shows the canonical form, and the link carries it
  await expect(model(page).locator('input[name=target-text]')).toHaveValue('3:1,4:0.5');
  await expect.poll(() => query(page).get('target')).toBe('3:1,4:0.5');
  expect(query(page).get('sigma')).toBe('3:1,4:0.5');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

const BAD: [text: string, message: string][] = [
  ['3:NaN', 'coefficient of h_3 is not a finite number (nan)'],
  ['3:1,3:2', 'degree 3 is given twice'],
  ['foo', 'unknown activation "foo"'],
  ['99:1', 'degree 99 exceeds the maximum 16'],
];

for (const [text, message] of BAD) {
  test(`"${text}" is answered next to the field and the run goes on with he3`, async ({ page }) => {
    await expect.poll(() => simTime(page)).toBeGreaterThan(0.02);
    await typeActivation(page, 'sigma', text);
    const field = model(page).locator('input[name=sigma-text]');
    const error = page.getByTestId('sigma-error');
    await expect(error).toContainText(message);
    await expect(error).toContainText('still using he3');
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect((await field.getAttribute('aria-describedby'))!.split(' ')).toContain(await error.getAttribute('id'));
    // the entry stays for fixing; nothing was applied
    await expect(field).toHaveValue(text);
    const before = await simTime(page);
    await expectRunUndisturbed(page, before);
    await expect(page.getByTestId('beta-c')).toHaveText('0.25');
    await expect(page.getByTestId('kernel-phi')).toHaveText('t³');
    expect(query(page).get('sigma')).toBe('');
    await expect(page.getByTestId('notice')).toHaveCount(0);
    // blur applies too (again refused), and Escape puts back what is in force
    await field.blur();
    await expect(error).toContainText(message);
    await field.focus();
    await field.press('Escape');
    await expect(field).toHaveValue('he3');
    await expect(error).toBeEmpty();
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  });
}

test('the coefficient parser\'s own non-finite message reaches the field', async ({ page }) => {
  // 1e999 matches the number syntax but overflows to Infinity
  await typeActivation(page, 'sigma', '3:1e999');
  await expect(page.getByTestId('sigma-error')).toHaveText('coefficient of h_3 is not a finite number — still using he3');
});

test('a negative c_p is applied and flagged next to the fields', async ({ page }) => {
  await typeActivation(page, 'target', '3:1,4:0.5');
  await typeActivation(page, 'sigma', '3:1,4:-0.5');
  await expect(page.getByTestId('kernel-phi')).toHaveText('t³ − 0.25 t⁴');
  const flag = page.getByTestId('kernel-warning');
  await expect(flag).toContainText('negative coefficients c_p at p = 4');
  await expect(flag).toBeVisible();
  await expect(page.getByTestId('sigma-error')).toBeEmpty();
});

test('activations sharing no Hermite degree are refused with the reason, keeping both', async ({ page }) => {
  await typeActivation(page, 'target', '4:1');
  await expect(page.getByTestId('target-error')).toHaveText(
    'σ and σ* share no Hermite degree ≥ 1, so the kernel is constant and nothing moves — still using he3',
  );
  // a preset that would do the same is refused as well, and the select shows what is in force
  await typeActivation(page, 'target', '3:1,5:1');
  await expect(page.getByTestId('target-error')).toBeEmpty();
  await model(page).locator('select[name=sigma]').selectOption('he4');
  await expect(page.getByTestId('sigma-error')).toContainText('share no Hermite degree ≥ 1');
  await expect(page.getByTestId('sigma-error')).toContainText('still using he3');
  await expect(model(page).locator('select[name=sigma]')).toHaveValue('');
  await expect.poll(() => query(page).get('target')).toBe('3:1,5:1');
  expect(query(page).get('sigma')).toBe('');
});

async function openGram(page: Page) {
  await model(page).locator('select[name=geom]').selectOption('gram');
  await expect(model(page).locator('input[name=gram-1-2]')).toBeVisible();
}

const cell = (page: Page, i: number, j: number) => model(page).locator(`input[name=gram-${i}-${j}]`);

async function setOffDiagonals(page: Page, g12: string, g13: string, g23: string) {
  await cell(page, 1, 2).fill(g12);
  await cell(page, 1, 3).fill(g13);
  await cell(page, 3, 2).fill(g23);
}

test('the Gram editor starts from the equiangular β, with a fixed diagonal and symmetric edits', async ({ page }) => {
  await openGram(page);
  for (let i = 1; i <= 3; i++) {
    for (let j = 1; j <= 3; j++) {
      await expect(cell(page, i, j)).toHaveValue(i === j ? '1' : '0.2');
      if (i === j) await expect(cell(page, i, j)).toHaveAttribute('readonly', '');
    }
  }
  await cell(page, 2, 3).fill('-0.35');
  await expect(cell(page, 3, 2)).toHaveValue('-0.35');
  // opening the editor alone changes nothing
  await linkSettled(page);
  expect(query(page).get('geom')).toBe('equi');
  await expect(page.getByTestId('average-kind')).not.toHaveText('n/a');
});

test('a Gram matrix that is not PSD, out of range or not a number is refused and changes nothing', async ({ page }) => {
  await openGram(page);
  const error = page.getByTestId('gram-error');
  const apply = model(page).locator('button[name=gram-apply]');
  const kind = await page.getByTestId('average-kind').textContent();
  await expect.poll(() => simTime(page)).toBeGreaterThan(0.02);

  await setOffDiagonals(page, '0.9', '0.9', '-0.9');
  await apply.click();
  await expect(error).toContainText('Gram matrix is not positive semidefinite (pivot 3 is');
  await expect(error).toContainText('nothing applied; still using equiangular geometry with β = 0.2');

  await setOffDiagonals(page, '1.5', '0.1', '0.1');
  await apply.click();
  await expect(error).toContainText('Gram entry (2,1) = 1.5 is outside [-1, 1]');
  await expect(cell(page, 1, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, 2, 1)).toHaveAttribute('aria-invalid', 'true');

  await setOffDiagonals(page, '0.1', 'NaN', '0.1');
  await cell(page, 1, 3).press('Enter'); // Enter in a cell applies as well
  await expect(error).toContainText('entry (1,3) "NaN" is not a number');
  await expect(cell(page, 1, 3)).toHaveAttribute('aria-invalid', 'true');

  await setOffDiagonals(page, '0.1', '', '0.1');
  await apply.click();
  await expect(error).toContainText('entry (1,3) is empty');

  const before = await simTime(page);
  await expectRunUndisturbed(page, before);
  await linkSettled(page);
  expect(query(page).get('geom')).toBe('equi');
  expect(query(page).get('gram')).toBe('');
  await expect(page.getByTestId('beta-c')).toHaveText('0.25');
  await expect(page.getByTestId('average-kind')).toHaveText(kind!);
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('a valid Gram matrix applies: the link says geom=gram and the average analysis is n/a', async ({ page }) => {
  await openGram(page);
  await setOffDiagonals(page, '0.3', '0.1', '-0.2');
  await model(page).locator('button[name=gram-apply]').click();
  await expect(page.getByTestId('gram-status')).toHaveText('Applied: custom Gram matrix of rank 3.');
  await expect(page.getByTestId('gram-error')).toBeEmpty();
  await expect.poll(() => query(page).get('geom')).toBe('gram');
  expect(query(page).get('gram')).toBe('1,0.3,0.1,0.3,1,-0.2,0.1,-0.2,1');
  await expect(page.getByTestId('average-kind')).toHaveText('n/a');
  // β sits in the presenter strip beside the view, still disabled for a custom Gram matrix
  await expect(page.locator('fieldset.beta-control input[name=beta]')).toBeDisabled();
  // a rank-deficient but PSD matrix (v3 = v1) is allowed and said so
  await setOffDiagonals(page, '0.5', '1', '0.5');
  await model(page).locator('button[name=gram-apply]').click();
  await expect(page.getByTestId('gram-status')).toHaveText('Applied: custom Gram matrix of rank 2 (the index vectors are linearly dependent).');
  await expect.poll(() => query(page).get('gram')).toBe('1,0.5,1,0.5,1,0.5,1,0.5,1');
  // back to equiangular closes the editor and drops the matrix
  await model(page).locator('select[name=geom]').selectOption('equi');
  await expect(cell(page, 1, 2)).toHaveCount(0);
  await expect.poll(() => query(page).get('geom')).toBe('equi');
  await expect(page.getByTestId('average-kind')).not.toHaveText('n/a');
});

test('the fields work from the keyboard alone and have no serious accessibility problems', async ({ page }) => {
  const select = model(page).locator('select[name=sigma]');
  await select.focus();
  await select.selectOption('custom');
  const field = model(page).locator('input[name=sigma-text]');
  await expect(field).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('3:1,5:0.5');
  await page.keyboard.press('Tab'); // leaving the field applies it
  await expect.poll(() => query(page).get('sigma')).toBe('3:1,5:0.5');
  await typeActivation(page, 'target', 'foo');
  await openGram(page);
  await setOffDiagonals(page, '0.9', '0.9', '-0.9');
  await model(page).locator('button[name=gram-apply]').click();
  await expect(page.getByTestId('gram-error')).not.toBeEmpty();
  const result = await new AxeBuilder({ page }).include('aside fieldset.controls').analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
  expect(bad).toEqual([]);
});
