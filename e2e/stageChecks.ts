// Layout checks for the lecture stage, shared by the stage specs and the tour's walk: the time
// plots keep a readable height and whole captions, and a control is on screen with nothing over it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

interface Measured {
  scrollY: number;
  plots: { id: string; height: number; top: number; bottom: number; clipped: boolean }[];
  captions: { text: string; overflows: boolean; clipped: boolean }[];
}

/** Plot areas (uPlot's .u-over) and chart captions of the presenter strip, as laid out now. */
function measureStrip(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    // clipped: some ancestor that hides its overflow does not contain the whole box
    const clipped = (el: Element) => {
      const r = el.getBoundingClientRect();
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5) return true;
      }
      return false;
    };
    // a chart in a tab not chosen is not on screen; the shown tab's name is its caption
    const shown = (el: Element) => el.checkVisibility() && el.getBoundingClientRect().width > 1;
    const plots = [...document.querySelectorAll('.stage-panel .chart')].filter(shown).map((chart) => {
      const over = chart.querySelector('.u-over')!;
      const r = over.getBoundingClientRect();
      return { id: chart.getAttribute('data-testid') ?? '', height: r.height, top: r.top, bottom: r.bottom, clipped: clipped(over) };
    });
    const captions = [...document.querySelectorAll('.stage-panel figcaption, .stage-panel [role=tab]')].filter(shown).map((f) => ({
      text: f.textContent ?? '',
      overflows: f.scrollWidth > f.clientWidth + 1 || f.scrollHeight > f.clientHeight + 1,
      clipped: clipped(f),
    }));
    return { scrollY: window.scrollY, plots, captions };
  });
}

export async function expectRoomyPlots(page: Page, minHeight: number, what: string) {
  // the charts follow their boxes through a ResizeObserver: wait until they have settled
  await expect
    .poll(async () => {
      const m = await measureStrip(page);
      return m.plots.length >= 2 && m.plots.every((p) => p.height >= minHeight);
    }, { message: `${what}: every plot area at least ${minHeight} px` })
    .toBe(true);
  const m = await measureStrip(page);
  const vh = page.viewportSize()!.height;
  expect(m.scrollY, `${what}: the page is not scrolled`).toBe(0);
  for (const p of m.plots) {
    expect(p.top, `${what}: ${p.id} top`).toBeGreaterThanOrEqual(0);
    expect(p.bottom, `${what}: ${p.id} bottom`).toBeLessThanOrEqual(vh);
    expect(p.clipped, `${what}: ${p.id} is not clipped`).toBe(false);
  }
  for (const c of m.captions) {
    expect(c.overflows, `${what}: caption "${c.text}" fits`).toBe(false);
    expect(c.clipped, `${what}: caption "${c.text}" is not clipped`).toBe(false);
  }
}

/** Inside the viewport and the topmost element at its centre (nothing lies over it). */
export async function expectUncovered(page: Page, selector: string, what: string) {
  const el = page.locator(selector);
  const box = (await el.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(vp.height);
  expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(vp.width);
  const onTop = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === node || node.contains(hit));
  });
  expect(onTop, `${what} is not covered`).toBe(true);
}
