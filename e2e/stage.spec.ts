// The lecture stage at projector sizes: the time plots keep a readable height whatever the
// counts above them say, their captions are never cut, the tour's step sits beside the view
// and a clicker turns its pages, each split pane reads only its own run, notes over the view
// leave the sphere's centre free, embed mode gives the view its frame's height, and k = 16
// labels stay apart.
import type { Page } from '@playwright/test';
import type { OutcomeCounts } from '../src/core/outcomes/classify.ts';
import { TOUR_STEPS } from '../src/ui/teach/tourSteps.ts';
import { expect, expectLabelsApart, jumpToEnd, simTime, test, waitForEnd } from './fixtures.ts';
import { expectRoomyPlots, expectUncovered } from './stageChecks.ts';

test.describe.configure({ timeout: 180_000 });

const N = TOUR_STEPS.length;

test.describe('1280×720: the plots keep their height and their captions', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const [query, min] of [
    ['', 100],
    ['?beta=0.255', 100],
    ['?loss=mse&compare=loss&beta=0.35&n=60', 80],
    ['?compare=beta:0.35&n=100&T=1000', 80],
  ] as const) {
    test(`${query || 'the default page'} at its end`, async ({ page }) => {
      await page.goto(`./${query}`);
      await jumpToEnd(page, 120_000);
      await expectRoomyPlots(page, min, query || 'default');
    });
  }

  test('?loss=mse alone: its three time charts in two places, each at least 100 px, with the notice of the link aside', async ({ page }) => {
    await page.goto('./?loss=mse&n=400');
    // n = 400 is more than the coupled flow runs live: the notice says so without moving the stage
    await expect(page.getByTestId('notice')).toContainText('too many for loss=mse');
    await expect.poll(() => simTime(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('gen-error-plot')).toBeVisible();
    await expectRoomyPlots(page, 100, 'loss=mse');
    // the other loss chart is one tab away, as tall
    await page.getByRole('tab', { name: 'Loss per neuron' }).click();
    await expect(page.getByTestId('loss-plot')).toBeVisible();
    await expect(page.getByTestId('gen-error-plot')).toBeHidden();
    await expectRoomyPlots(page, 100, 'loss=mse, loss tab');
    // and neither the notice nor anything else lies over the charts
    for (const id of ['overlap-plot', 'loss-plot']) await expectUncovered(page, `[data-testid=${id}]`, id);
  });

});

test('PageDown turns the tour’s pages and stops at the last, PageUp and ← go back, → with a slider focused moves the slider', async ({ page }) => {
  // every page's own stage (Next uncovered, the β strip) is checked by the tour walk (teach.spec.ts)
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?tour=1');
  for (const i of [1, 2, 3]) {
    await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(i));
    await page.keyboard.press('PageDown');
  }
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', '4');
  await page.goto(`./?tour=${N - 1}`);
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 1));
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N));
  await expectUncovered(page, 'button[name=tour-next]', `step ${N} Next`);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N));
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 1));
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 2));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 1));
  // a focused slider keeps its arrows
  const speed = page.locator('fieldset.controls input[type=range][name=speed]');
  const before = await speed.inputValue();
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(speed).not.toHaveValue(before);
  await expect(page.getByTestId('tour-step')).toHaveAttribute('data-step', String(N - 1));
});

test('each split pane shows its own run: tip counts plus its count at w̄ are at most n and equal its readout', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const n = 100;
  await page.goto(`./?compare=beta:0.35&n=${n}&T=1000`);
  await jumpToEnd(page, 120_000);
  const paneCounts = async (testId: string) => {
    const raw = await page.getByTestId(testId).getAttribute('data-counts');
    return raw ? (JSON.parse(raw) as OutcomeCounts) : null;
  };
  const tips = (view: string) =>
    page.getByTestId(view).locator('[data-testid^=vector-tag-]').evaluateAll((tags) =>
      tags.map((t) => Number(t.querySelector('[data-testid=attracted-count]')?.getAttribute('data-value') ?? NaN)),
    );
  await expect.poll(async () => (await paneCounts('pane-right'))?.atAverage ?? -1).toBeGreaterThanOrEqual(0);
  const left = (await paneCounts('pane-left'))!, right = (await paneCounts('pane-right'))!;
  // the two runs differ (β = 0.2 against 0.35, across β_c), so a mix-up cannot pass unseen
  expect(left.attracted).not.toEqual(right.attracted);
  for (const [view, counts] of [['flow-canvas', left], ['flow-canvas-compare', right]] as const) {
    await expect.poll(() => tips(view), { message: `${view}: tip counts are the pane's own` }).toEqual(counts.attracted);
    const sum = (await tips(view)).reduce((a, b) => a + b, 0);
    expect(sum + counts.atAverage, `${view}: tips + w̄ ≤ n`).toBeLessThanOrEqual(n);
    await expect(page.getByTestId(view).getByTestId('average-marker')).toContainText(counts.atAverage > 0 ? `· ${counts.atAverage}` : 'w̄');
  }
});

const centreCovered = (page: Page, view: string) =>
  page.evaluate((id) => {
    const v = document.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect();
    const note = document.querySelector(`[data-testid=${id}] [data-testid=search-hint]`)!.getBoundingClientRect();
    const cx = v.left + v.width / 2, cy = v.top + v.height / 2;
    return note.left <= cx && cx <= note.right && note.top <= cy && cy <= note.bottom;
  }, view);

for (const [name, size, query] of [
  ['1280×720', { width: 1280, height: 720 }, ''],
  ['375×812', { width: 375, height: 812 }, ''],
  ['embed 960×540', { width: 960, height: 540 }, '&embed=1&controls=beta'],
  ['phone landscape 812×375', { width: 812, height: 375 }, ''],
] as const) {
  test(`${name}: the "still searching" note leaves the sphere's centre free during the plateau`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(`./?d=1000000&n=200&T=5&t=5${query}`);
    await waitForEnd(page);
    const hint = page.getByTestId('search-hint');
    await expect(hint).toBeVisible();
    await expect(hint).toContainText('still searching');
    await expect.poll(() => centreCovered(page, 'flow-canvas')).toBe(false);
    // nor under the buttons over the view
    const tools = (await page.locator('.view-tools').first().boundingBox())!;
    const note = (await hint.boundingBox())!;
    const apart = note.x + note.width <= tools.x || tools.x + tools.width <= note.x || note.y + note.height <= tools.y || tools.y + tools.height <= note.y;
    expect(apart, 'search note clear of the view buttons').toBe(true);
  });
}

/** Boxes of the view's notes that are shown, and the sphere's disc, in the view's pixels. */
const notesAndDisc = (page: Page) =>
  page.evaluate(() => {
    // the 3-D view loads lazily: a short run can end before it is mounted
    const view = document.querySelector<HTMLElement>('[data-testid=flow-canvas]');
    if (!view) return { disc: { cx: NaN, cy: NaN, r: NaN }, notes: [] };
    const o = view.getBoundingClientRect();
    const [cx, cy, r] = (view.dataset.sphere ?? '').split(',').map(Number);
    const notes = ['search-hint', 'projection-note', 'radial-note'].flatMap((id) => {
      const el = view.querySelector<HTMLElement>(`[data-testid=${id}]`);
      if (!el || el.hidden || el.offsetWidth === 0) return [];
      const b = el.getBoundingClientRect();
      return [{ id, x: b.left - o.left, y: b.top - o.top, w: b.width, h: b.height }];
    });
    return { disc: { cx, cy, r }, notes };
  });

for (const size of [{ width: 1280, height: 720 }, { width: 375, height: 812 }]) {
  for (const k of [3, 16]) {
    test(`${size.width}×${size.height}, k = ${k}: no note over the view reaches the sphere's disc`, async ({ page }) => {
      await page.setViewportSize(size);
      // during the search plateau, so at k = 3 the search note shows too (a projected k = 16
      // picture has the projection's note instead)
      await page.goto(`./?k=${k}&d=1000000&n=200&T=5&t=5`);
      await waitForEnd(page);
      if (k === 3) await expect(page.getByTestId('search-hint')).toBeVisible();
      const expected = k > 3 ? ['projection-note', 'radial-note'] : ['search-hint', 'radial-note'];
      await expect
        .poll(async () => {
          const { disc, notes } = await notesAndDisc(page);
          if (!(disc.r > 50)) return `no sphere outline yet (${JSON.stringify(disc)})`;
          const ids = notes.map((n) => n.id);
          if (!expected.every((id) => ids.includes(id))) return `notes shown: ${ids.join()}`;
          return notes
            .filter((n) => {
              const nx = Math.max(n.x, Math.min(disc.cx, n.x + n.w)), ny = Math.max(n.y, Math.min(disc.cy, n.y + n.h));
              return Math.hypot(nx - disc.cx, ny - disc.cy) < disc.r;
            })
            .map((n) => `${n.id} reaches the sphere`)
            .join('; ');
        }, { message: 'every note clear of the sphere' })
        .toBe('');
    });
  }
}

test('embed at 960×540 gives the view at least 420 px of height, with play and β in one row under it', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto('./?embed=1&controls=beta&T=50');
  const view = page.getByTestId('flow-canvas');
  await expect(view).toBeVisible();
  await expect.poll(async () => (await view.boundingBox())!.height).toBeGreaterThanOrEqual(420);
  const play = page.locator('button[name=play]');
  const beta = page.getByTestId('embed-controls').locator('input[name=beta]');
  // the row as laid out once the page has settled (a loaded machine can catch it mid-layout)
  const centre = async (l: typeof play) => {
    const box = (await l.boundingBox())!;
    return box.y + box.height / 2;
  };
  await expect.poll(async () => Math.abs((await centre(play)) - (await centre(beta)))).toBeLessThan(20);
  const box = (await beta.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(540);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(540);
});

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 375, height: 812 }]) {
  test(`k = 16 at ${size.width}×${size.height}: no two labels overlap, nor a label and a button`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('./?k=16&beta=0.1&n=300');
    await jumpToEnd(page, 120_000);
    // the placer moves labels apart over a few of the canvas's frames after the last one lands
    await expect(async () => {
      await expectLabelsApart(page, 16);
    }).toPass({ timeout: 15_000 });
    // on a projector the projection chooser stays on screen under the longest regime sentence
    // (β = 0.1 lies between β_c and β_fold at k = 16)
    if (size.width >= 1280) await expectUncovered(page, 'select[name=proj-mode]', 'the projection chooser');
  });
}

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test('a shared paused link shows Play right under the view, and the gesture hint clear of the buttons', async ({ page }) => {
    await page.goto('./?T=50&t=50');
    await waitForEnd(page);
    // the 3-D view loads lazily, so a short run can end before it is there
    await expect(page.getByTestId('flow-canvas')).toBeVisible();
    // both boxes in one frame: the search note may still move into the notes strip under the
    // canvas just after the end, which lengthens the view and moves Play down with it
    const boxes = () =>
      page.evaluate(() => {
        const view = document.querySelector('[data-testid=flow-canvas]')!.getBoundingClientRect();
        const play = document.querySelector('button[name=play]')!.getBoundingClientRect();
        return { viewBottom: view.bottom, playTop: play.top, playBottom: play.bottom };
      });
    await expect.poll(async () => { const b = await boxes(); return b.playTop - b.viewBottom; }, { message: 'Play right under the view' }).toBeLessThan(60);
    const { viewBottom, playTop, playBottom } = await boxes();
    expect(playTop).toBeGreaterThanOrEqual(viewBottom - 1);
    expect(playBottom).toBeLessThanOrEqual(812);
    const hint = (await page.getByTestId('touch-hint').boundingBox())!;
    const tools = (await page.locator('.view-tools').boundingBox())!;
    expect(hint.x + hint.width).toBeLessThanOrEqual(tools.x);
  });
});

test('at 1280×720 the counts box fades at the edge its hidden counts are behind', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // k = 16: sixteen rows of counts, more than the box shows
  await page.goto('./?k=16&beta=0.1&n=300&T=1&t=1');
  await waitForEnd(page);
  const box = page.getByTestId('counts-box');
  await expect(box).toHaveAttribute('data-more', 'below');
  expect(await box.evaluate((el) => getComputedStyle(el).maskImage)).toContain('gradient');
  await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(box).toHaveAttribute('data-more', 'above');
  await box.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(box).toHaveAttribute('data-more', 'below');
  // a box tall enough for all its counts hides nothing, and fades nowhere
  await box.evaluate((el) => (el.style.maxHeight = 'none'));
  await expect.poll(() => box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await expect(box).not.toHaveAttribute('data-more', /./);
  expect(await box.evaluate((el) => getComputedStyle(el).maskImage)).toBe('none');
});

