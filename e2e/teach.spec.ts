// Teaching mode: the guided tour (each step's configuration and what its text claims), presets,
// formulas with live numbers, keyboard shortcuts, themes, reduced motion, layout from phone to
// projector, and automated accessibility checks.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, expectFlowStill, nextFrames, outcomeCounts, simTime, test, watchFlowWorker } from './fixtures.ts';
import { expectRoomyPlots, expectUncovered } from './stageChecks.ts';
import type { OutcomeCounts } from '../src/core/outcomes/classify.ts';
import { failedClaims, TOUR_STEPS } from '../src/ui/teach/tourSteps.ts';

const N = TOUR_STEPS.length;

async function counts(page: Page): Promise<OutcomeCounts> {
  return (await outcomeCounts(page))!;
}

const playButton = (page: Page) => page.locator('button[name=play]');
const isPlaying = async (page: Page) => (await playButton(page).getAttribute('aria-pressed')) === 'true';

/** A run with T set pauses there and marks the readout "(end)". */
async function waitForEnd(page: Page, T: number) {
  await expect(page.locator('.readout.time')).toContainText('(end)', { timeout: 40_000 });
  expect(await simTime(page)).toBeCloseTo(T, 6);
}

async function sliderValue(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`main input[type=range][name=${name}]`).inputValue());
}

const shownValue = (page: Page, name: string) => page.locator(`main .range-control:has(input[name=${name}]) output`);

async function expectConfiguration(page: Page, query: string) {
  const want = new URLSearchParams(query);
  // the controls show the step's values (n and d sit on log10 slider scales)
  expect(await sliderValue(page, 'k')).toBe(Number(want.get('k')));
  expect(await sliderValue(page, 'p')).toBe(Number(want.get('p')));
  expect(await page.locator('aside select[name=geom]').inputValue()).toBe(want.get('geom'));
  // (the browser rounds a range input to its 0.01 step; the label shows the exact value)
  expect(await sliderValue(page, 'n')).toBeCloseTo(Math.log10(Number(want.get('n'))), 2);
  await expect(shownValue(page, 'n')).toHaveText(want.get('n')!);
  expect(await sliderValue(page, 'd')).toBeCloseTo(Math.log10(Number(want.get('d'))), 2);
  if (want.get('geom') === 'equi') expect(await sliderValue(page, 'beta')).toBeCloseTo(Number(want.get('beta')), 9);
  // and so does the address bar, which a teacher can copy to link this very step
  await expect
    .poll(() => {
      const got = new URL(page.url()).searchParams;
      return [...want.keys()].filter((key) => got.get(key) !== want.get(key));
    })
    .toEqual([]);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test.describe('guided tour', () => {
  test('walks every step at 1280×720: its configuration, its permalink, the stage around it and what its text claims', async ({ page }) => {
    test.setTimeout(240_000);
    // the projector's size: each step's charts keep their height, its title and Back/Next
    // stay beside the view with nothing over them
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./');
    await expect(page.getByTestId('tour-step')).toHaveCount(0);
    await page.locator('button[name=tour-start]').click();
    for (let i = 1; i <= N; i++) {
      const step = TOUR_STEPS[i - 1];
      const card = page.getByTestId('tour-step');
      await expect(card).toHaveAttribute('data-step', String(i));
      await expect(card.locator('h3')).toHaveText(step.title);
      await expect(page.getByTestId('tour-counter')).toContainText(`step ${i} of ${N}`);
      await expect(page.locator('button[name=tour-back]')).toBeEnabled({ enabled: i > 1 });
      await expect(page.locator('button[name=tour-next]')).toBeEnabled({ enabled: i < N });
      await expectConfiguration(page, `${step.query}&tour=${i}`);
      await expect.poll(() => simTime(page)).toBeGreaterThan(0);
      await expectRoomyPlots(page, step.query.includes('compare=') ? 80 : 100, `tour step ${i}`);
      for (const name of ['tour-back', 'tour-next']) await expectUncovered(page, `button[name=${name}]`, `step ${i} ${name}`);
      // orthogonal steps have no β: the strip says so rather than showing β_c marks
      const orth = step.query.includes('geom=orth');
      await expect(page.getByTestId('beta-not-applicable')).toHaveCount(orth ? 1 : 0);
      if (orth) await expect(page.locator('.stage-panel .range-mark')).toHaveCount(0);
      await expectUncovered(page, '[data-testid=tour-step] h3', `step ${i} title`);
      // the claims are about the step's end state: Jump to end (E) gives the state at T (the
      // same as playing there, which the unit tests and the playback specs check) without the wait
      await page.keyboard.press('e');
      const T = Number(new URLSearchParams(step.query).get('T'));
      await waitForEnd(page, T);
      expect(await isPlaying(page)).toBe(false);
      const c = await counts(page);
      const n = Number(new URLSearchParams(step.query).get('n'));
      expect(sum(c.attracted) + c.atAverage + c.other).toBe(n);
      expect(failedClaims(step, c)).toEqual([]);
      // the claims named in the brief, stated directly
      if (step.id === 'orthogonal') {
        expect(sum(c.attracted)).toBe(n);
        expect(c.recovered).toEqual(c.attracted);
      }
      if (step.id === 'coupon') expect(c.recovered.every((r) => r > 0)).toBe(true);
      if (step.id === 'too-few') expect(c.recovered.some((r) => r === 0)).toBe(true);
      if (step.id === 'below-threshold') expect(c.atAverage).toBe(0);
      if (step.id === 'near-threshold' || step.id === 'above-threshold') expect(c.atAverage).toBeGreaterThan(0);
      if (step.id === 'above-threshold') {
        await expect(page.getByTestId('average-kind')).toHaveText('minimum');
      }
      if (step.id === 'below-threshold') await expect(page.getByTestId('average-kind')).toHaveText('saddle');
      if (i < N) await page.locator('button[name=tour-next]').click();
    }
    // each step got its own history entry: the browser's Back returns to the previous step
    await page.goBack();
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 1));
    await page.locator('button[name=tour-back]').click();
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 2));
    await page.locator('button[name=tour-close]').click();
    await expect(page.getByTestId('tour-step')).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('tour')).toBe('0');
  });

  test('?tour=i alone opens step i with its configuration', async ({ page }) => {
    await page.goto('./?tour=4');
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '4');
    await expectConfiguration(page, TOUR_STEPS[3].query);
    await expect(page.getByTestId('notice')).toHaveCount(0);
  });

  test('a step link with its own values keeps them, and says the configuration changed', async ({ page }) => {
    await page.goto(`./?${TOUR_STEPS[3].query.replace('n=100', 'n=30')}&tour=4`);
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '4');
    await expect(shownValue(page, 'n')).toHaveText('30');
    await expect(page.locator('button[name=tour-restore]')).toBeVisible();
    await page.locator('button[name=tour-restore]').click();
    await expect(shownValue(page, 'n')).toHaveText('100');
    await expect(page.locator('button[name=tour-restore]')).toHaveCount(0);
  });

  test('a step past the end opens the last one, with a notice', async ({ page }) => {
    await page.goto('./?tour=20');
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N));
    await expect(page.getByTestId('notice')).toContainText(`there is no step 20: the tour has ${N} steps`);
  });

  test('the presets menu loads the same configurations without opening the tour', async ({ page }) => {
    await page.goto('./');
    const preset = page.locator('select[name=preset]');
    await expect(preset.locator('option')).toHaveCount(N + 1);
    await preset.selectOption('7');
    await expectConfiguration(page, TOUR_STEPS[6].query);
    await expect(page.getByTestId('tour-step')).toHaveCount(0);
    await expect(preset).toHaveValue('7');
    await page.locator('main input[type=range][name=beta]').focus();
    await page.keyboard.press('ArrowRight');
    await expect(preset).toHaveValue('');
  });
});

test.describe('formulas', () => {
  test('typeset with live β_c, u* and μ_span that follow the controls', async ({ page }) => {
    await page.goto('./?k=3&p=3&beta=0.2&geom=equi');
    const panel = page.getByTestId('formulas');
    await panel.locator('summary').click();
    await expect(panel.locator('.katex').first()).toBeVisible();
    expect(await panel.locator('.katex').count()).toBeGreaterThanOrEqual(8);
    await expect(panel.locator('.katex-error')).toHaveCount(0);
    const live = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
    // closed forms for φ(t) = t³: φ' = 3u², φ'' = 6u
    const uStar = (k: number, b: number) => Math.sqrt((1 + (k - 1) * b) / k);
    const mu = (k: number, b: number) => k * uStar(k, b) * 3 * uStar(k, b) ** 2 - (1 - b) * 6 * uStar(k, b);
    await expect.poll(() => live('formula-beta-c')).toBeCloseTo(1 / 4, 12);
    expect(await live('formula-u-star')).toBeCloseTo(uStar(3, 0.2), 12);
    expect(await live('formula-mu-span')).toBeCloseTo(mu(3, 0.2), 12);
    await expect(page.getByTestId('formula-beta-c')).toHaveText('0.25');
    // arrow keys on the focused k slider: k = 4 puts β = 0.2 exactly at β_c = 1/5
    await page.locator('aside input[type=range][name=k]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => live('formula-beta-c')).toBeCloseTo(1 / 5, 12);
    expect(await live('formula-u-star')).toBeCloseTo(uStar(4, 0.2), 12);
    expect(await live('formula-mu-span')).toBeCloseTo(0, 9);
  });
});

test.describe('keyboard', () => {
  test('space, s and r drive playback; a focused button gets one press; typing in a menu is left alone', async ({ page }) => {
    await watchFlowWorker(page);
    await page.goto('./?d=1000000&T=1000000');
    await expect.poll(() => isPlaying(page)).toBe(true);
    await page.locator('h1').click();
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(false);
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(true);
    // space on the focused Play button: the button's own activation only
    await playButton(page).focus();
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(false);
    // the key's up (the button's own activation) has been handled and rendered: still one press
    await nextFrames(page, 2);
    expect(await isPlaying(page)).toBe(false);
    // s steps while paused
    const before = await simTime(page);
    await page.locator('h1').click();
    await page.keyboard.press('s');
    await expect.poll(() => simTime(page)).toBeGreaterThan(before);
    expect(await isPlaying(page)).toBe(false);
    // r resets to the seeded start
    await page.keyboard.press('r');
    await expect.poll(() => simTime(page)).toBe(0);
    // keys typed into a menu stay there
    await page.locator('select[name=preset]').focus();
    await page.keyboard.press('s');
    await page.keyboard.press(' ');
    // no step or play reached the worker: it stands still at the start
    await expectFlowStill(page);
    expect(await simTime(page)).toBe(0);
    expect(await isPlaying(page)).toBe(false);
  });

  test('? toggles the shortcuts help; Escape closes it and focus returns', async ({ page }) => {
    await page.goto('./');
    const help = page.getByTestId('shortcuts-help');
    await expect(help).toBeHidden();
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await expect(help).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expect(help).toContainText('play / pause');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await page.keyboard.press('?');
    await expect(help).toBeVisible();
    await page.keyboard.press('?');
    await expect(help).toBeHidden();
    await page.locator('button[name=shortcuts]').click();
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(page.locator('button[name=shortcuts]')).toBeFocused();
    // Escape and ? back to back: the help is open again (the first one's close once shut it)
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect.poll(() => help.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    // and stays open once the tasks queued by the keys (the dialog's close events) have run
    const openAfterQueuedTasks = await help.evaluate((d) => new Promise<boolean>((done) => setTimeout(() => done((d as HTMLDialogElement).open))));
    expect(openAfterQueuedTasks).toBe(true);
    await expect(help).toBeVisible();
  });

  test('? opens the shortcuts help in embed mode too, where the teaching panel is hidden', async ({ page }) => {
    await page.goto('./?embed=1');
    await expect(page.locator('button[name=play]')).toBeVisible();
    await expect(page.locator('button[name=shortcuts]')).toHaveCount(0);
    const help = page.getByTestId('shortcuts-help');
    // one dialog on the page, closed until asked for
    await expect(help).toHaveCount(1);
    await expect(help).toBeHidden();
    await page.getByTestId('sim-time').click();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expect(help).toContainText('play / pause');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // with the help closed, keys drive playback again
    const wasPlaying = await isPlaying(page);
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(!wasPlaying);
  });

  test('keyboard focus shows a visible ring', async ({ page }) => {
    await page.goto('./');
    await page.locator('h1').click();
    for (let i = 0; i < 40 && !(await playButton(page).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(playButton(page)).toBeFocused();
    const ring = await playButton(page).evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  });
});

test.describe('themes and motion', () => {
  test('the theme follows prefers-color-scheme, toggles, and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const bgDark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.locator('button[name=theme]').click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(bgDark);
    expect(await page.evaluate(() => localStorage.getItem('flowsphere-theme'))).toBe('light');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('a light system theme is the default when nothing was chosen', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('prefers-reduced-motion: starts paused, tour steps do not autoplay, no transitions', async ({ page }) => {
    await watchFlowWorker(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./');
    await expect(playButton(page)).toHaveText('Play');
    // the first frame is drawn, and the page asks its worker for no other
    await expect.poll(() => outcomeCounts(page)).not.toBeNull();
    await expectFlowStill(page);
    expect(await simTime(page)).toBeLessThan(0.05);
    await page.locator('button[name=tour-start]').click();
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '1');
    // several animation frames later it still waits for Play
    await nextFrames(page, 10);
    expect(await isPlaying(page)).toBe(false);
    const transition = await page.locator('button[name=tour-next]').evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(transition.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
  });

  test('prefers-reduced-motion: a parameter change shows where the new run ends, without playing there', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./?T=40&n=100');
    await expect(playButton(page)).toHaveText('Play');
    const beta = page.locator('fieldset.controls input[type=range][name=beta]').first();
    await beta.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.readout.time')).toContainText('(end)');
    expect(await simTime(page)).toBe(40);
    expect(await isPlaying(page)).toBe(false);
    // the plots have the way there, not one point
    const [history] = await Promise.all([page.waitForEvent('download'), page.locator('button[name=exporthistory]').click()]);
    expect(readFileSync(await history.path(), 'utf8').trim().split('\n').length).toBeGreaterThan(20);
    // Play still plays (from the start again, since the run had ended)
    await playButton(page).click();
    await expect.poll(() => simTime(page)).toBeLessThan(40);
  });
});

test.describe('layout', () => {
  test('a 375 px phone has no horizontal scroll, with the tour, formulas and help open', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('./?tour=7');
    await expect(page.getByTestId('tour-step')).toBeVisible();
    await page.getByTestId('formulas').locator('summary').click();
    await expect(page.getByTestId('formulas').locator('.katex').first()).toBeVisible();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(375);
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-help')).toBeVisible();
    expect(await width()).toBeLessThanOrEqual(375);
    const box = await page.getByTestId('shortcuts-help').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  });

  test('a 1920×1080 projector with large fonts keeps two columns and no horizontal scroll', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('./?tour=1');
    await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
    await page.getByTestId('formulas').locator('summary').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    const view = await page.locator('.view-panel').boundingBox();
    const side = await page.locator('.side-panel').boundingBox();
    expect(side!.x).toBeGreaterThan(view!.x + view!.width - 1);
    expect(view!.width).toBeGreaterThan(900);
    const fontPx = await page.locator('.tour-watch').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(24);
  });
});

test.describe('accessibility (axe)', () => {
  // the whole page as a visitor gets it, with the service worker and its offline badge
  test.use({ serviceWorkers: 'allow' });

  async function expectNoSeriousViolations(page: Page) {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')} — ${v.nodes[0].failureSummary}`);
    expect(bad).toEqual([]);
  }

  const ready = async (page: Page) => {
    await expect(page.getByTestId('sim-time')).toBeVisible();
    await expect(page.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  };

  test('the default page', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    await ready(page);
    await expectNoSeriousViolations(page);
  });

  test('the tour open, with the formulas, in the dark theme and then (a step on) the light one', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./?tour=8');
    await ready(page);
    await page.getByTestId('formulas').locator('summary').click();
    await expect(page.getByTestId('formulas').locator('.katex').first()).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.locator('button[name=tour-next]').click();
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '9');
    await page.getByRole('button', { name: /Switch to the light theme/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('formulas').locator('.katex').first()).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test('the shortcuts help open', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    await ready(page);
    await page.locator('button[name=shortcuts]').click();
    await expect(page.getByTestId('shortcuts-help')).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test('embed mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./?embed=1');
    await ready(page);
    await expect(page.getByTestId('tour-step')).toHaveCount(0);
    await expectNoSeriousViolations(page);
  });
});
