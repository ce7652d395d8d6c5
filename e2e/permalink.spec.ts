// Permalinks as a user meets them: open a link and see its values, move a slider and watch
// the address bar follow, reload or go back and get the same run, paste a broken link and
// still get a working page, copy/export/import, and the same counts from the command line.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cliFlow, expect, simTime, test, type FlowReport } from './fixtures.ts';
import { initialOverlaps } from '../src/core/dynamics/factory.ts';
import { buildModel } from '../src/core/model/model.ts';
import { runToEnd } from '../src/core/outcomes/run.ts';
import { decode, modelSpecOf } from '../src/url/codec.ts';
import { SCHEMA_VERSION } from '../src/url/schema.ts';

const REPRO = 'k=3&beta=0.2&n=200&d=500&T=200&seed=7';
/** The page plays REPRO faster (speed is a view parameter: the run and its end are the same). */
const REPRO_LINK = `/?${REPRO}&speed=4`;


/** the model/playback slider of a key (the explore panel has number fields with the same names) */
const slider = (page: Page, name: string) => page.locator(`input[type=range][name=${name}]`);
const pageQuery = (page: Page) => new URL(page.url()).search;

async function finalCounts(page: Page): Promise<unknown> {
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '200', { timeout: 45_000 });
  const text = await page.getByTestId('outcome-counts').getAttribute('data-counts');
  return JSON.parse(text!);
}

test('a link with T pauses at T with the counts the CLI and the core print for it', async ({ page }) => {
  const cli = cliFlow(REPRO);
  await page.goto(REPRO_LINK);
  const shown = await finalCounts(page);
  await expect(page.locator('button[name=play]')).toHaveText('Play');
  const core = runToEnd(buildModel(modelSpecOf(decode(REPRO).params)));
  expect(shown).toEqual(JSON.parse(JSON.stringify(core.counts)));
  const printed = await cli;
  expect(printed.t).toBe(200);
  expect(shown).toEqual(printed.counts);
  // the run is not trivial: some neurons have recovered an index vector by T = 200
  expect((shown as { recovered: number[] }).recovered.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
});

test('the controls show the values of the link, and the address bar becomes the full link', async ({ page }) => {
  await page.goto('/?k=4&beta=0.15&n=120&d=2000&p=4&geom=equi&seed=3&speed=1.25');
  await expect(slider(page, 'beta')).toHaveValue('0.15');
  await expect(slider(page, 'k')).toHaveValue('4');
  await expect(slider(page, 'p')).toHaveValue('4');
  await expect(slider(page, 'speed')).toHaveValue('1.25');
  // n and d sit on log10 slider scales (snapped to the slider's 0.01 step); the text says the value
  await expect(slider(page, 'n')).toHaveAttribute('aria-valuetext', '120');
  expect(Math.abs(Number(await slider(page, 'n').inputValue()) - Math.log10(120))).toBeLessThanOrEqual(0.005);
  expect(Math.abs(Number(await slider(page, 'd').inputValue()) - Math.log10(2000))).toBeLessThanOrEqual(0.005);
  await expect(page.locator('select[name=geom]')).toHaveValue('equi');
  await expect.poll(() => pageQuery(page)).toMatch(new RegExp(`^\\?v=${SCHEMA_VERSION}&k=4&n=120&d=2000&beta=0.15&p=4&`));
  expect(decode(pageQuery(page))).toMatchObject({ params: { seed: 3, speed: 1.25 }, problems: [] });
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('moving a slider updates the address bar after the debounce, without history entries', async ({ page }) => {
  await page.goto('/?k=3&beta=0.1&n=50');
  await expect.poll(() => pageQuery(page)).toContain(`v=${SCHEMA_VERSION}&`);
  const historyLength = await page.evaluate(() => history.length);
  const beta = slider(page, 'beta');
  await beta.focus();
  for (let i = 0; i < 8; i++) await beta.press('ArrowRight');
  await expect(beta).toHaveValue('0.14');
  await expect.poll(() => decode(pageQuery(page)).params.beta, { timeout: 5000 }).toBeCloseTo(0.14, 10);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
});

test('reload gives the same outcome', async ({ page }) => {
  await page.goto(REPRO_LINK);
  const first = await finalCounts(page);
  await page.reload();
  expect(await finalCounts(page)).toEqual(first);
});

const BROKEN_LINKS: [query: string, keys: string[]][] = [
  ['?beta=banana&n=1e999&k=2.5&zz=1', ['beta', 'n', 'k', 'zz']],
  ['?beta=%E0%A4%A&k=3&k=4&d=-5&embed=maybe', ['beta', 'k', 'd', 'embed']],
  ['?k=3&geom=gram&gram=1,0.9,-0.9,0.9,1,0.9,-0.9,0.9,1&n=40', ['gram']],
  [`?gram=${Array(400).fill('0.1').join(',')}&cam=0,0&sigma=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&n=30`, ['gram', 'cam', 'sigma']],
  ['?%F0%9F%98%80=%F0%9F%98%80&speed=&v=99&trails=yes&tol=NaN', ['😀', 'speed', 'v', 'trails', 'tol']],
];

for (const [query, keys] of BROKEN_LINKS) {
  test(`a broken link still gives a working page and says what was wrong: ${query.slice(0, 40)}`, async ({ page }) => {
    await page.goto(`/${query}`);
    const notice = page.getByTestId('notice').first();
    await expect(notice).toBeVisible();
    for (const key of keys) await expect(notice.locator('code', { hasText: key }).first()).toBeVisible();
    await expect(notice).toContainText('using');
    // no markup from the link reached the page
    expect(await page.locator('img[src=x]').count()).toBe(0);
    // the flow runs
    const t0 = await simTime(page);
    await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(t0);
    // the address bar now holds a link without problems
    await expect.poll(() => decode(pageQuery(page)).problems.length).toBe(0);
    await notice.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(page.getByTestId('notice')).toHaveCount(0);
  });
}

test('a link in the hash instead of the query is read', async ({ page }) => {
  await page.goto('/#k=5&beta=0.05&n=40');
  await expect(slider(page, 'k')).toHaveValue('5');
  await expect.poll(() => pageQuery(page)).toMatch(new RegExp(`^\\?v=${SCHEMA_VERSION}&k=5&n=40&`));
  expect(new URL(page.url()).hash).toBe('');
});

test('back and forward restore the parameters', async ({ page }) => {
  await page.goto('/?k=3&beta=0.1&n=60');
  await expect.poll(() => pageQuery(page)).toContain(`v=${SCHEMA_VERSION}&`);
  // an imported configuration is a discrete jump: it gets its own history entry
  await page.locator('input[type=file][name=importconfig]').setInputFiles({
    name: 'jump.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'flowsphere-config', version: 1, query: 'k=5&beta=0.3&n=60' })),
  });
  await expect(slider(page, 'k')).toHaveValue('5');
  await page.goBack();
  await expect(slider(page, 'k')).toHaveValue('3');
  await expect(slider(page, 'beta')).toHaveValue('0.1');
  await page.goForward();
  await expect(slider(page, 'k')).toHaveValue('5');
  await expect(slider(page, 'beta')).toHaveValue('0.3');
});

test('importing a configuration file changes the parameters; a bad one is refused with a notice', async ({ page }) => {
  await page.goto('/?k=3&n=50');
  const input = page.locator('input[type=file][name=importconfig]');
  await input.setInputFiles({
    name: 'config.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'flowsphere-config', params: { k: 6, beta: 2, n: 80, seed: 9 } })),
  });
  await expect(slider(page, 'k')).toHaveValue('6');
  await expect(slider(page, 'beta')).toHaveValue('0.99');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The imported file had problems');
  await expect(notice).toContainText('beta');
  await expect.poll(() => decode(pageQuery(page)).params).toMatchObject({ k: 6, beta: 0.99, n: 80, seed: 9 });

  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('k=2 please') });
  await expect(page.getByTestId('notice')).toContainText('not JSON');
  await expect(slider(page, 'k')).toHaveValue('6');
});

test('dropping a configuration file on the page imports it', async ({ page }) => {
  await page.goto('/?k=3&n=50');
  // the page's code loads after the flow worker starts: drop once the controls are there
  await expect(slider(page, 'k')).toHaveValue('3');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([JSON.stringify({ format: 'flowsphere-config', query: 'k=2&n=70&seed=4' })], 'dropped.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(slider(page, 'k')).toHaveValue('2');
  await expect(page.getByTestId('share-status')).toHaveText('loaded dropped.json');
});

test('copy link without a clipboard shows the permalink in a read-only field', async ({ page }) => {
  // as in an embedded or insecure page: no Clipboard API at all
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await page.goto('/?k=4&n=50&seed=5');
  await page.locator('button[name=copylink]').click();
  const field = page.getByTestId('share-link');
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('share-status')).toContainText('clipboard is not available');
  const link = await field.inputValue();
  expect(decode(link)).toMatchObject({ params: { k: 4, n: 50, seed: 5 }, problems: [] });
  expect(link.startsWith(new URL('/', page.url()).href)).toBe(true);
});

test('copy link puts the permalink on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?k=4&n=50&seed=5');
  await page.locator('button[name=copylink]').click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(decode(copied)).toMatchObject({ params: { k: 4, n: 50, seed: 5 }, problems: [] });
});

test('the export buttons download the view, the data and the configuration', async ({ page }) => {
  await page.goto('/?k=3&beta=0.2&n=40&d=300&T=50&seed=2&speed=4');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '50', { timeout: 30_000 });
  const save = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`button[name=${name}]`).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path()) };
  };

  const png = await save('exportpng');
  expect(png.name).toBe('flowsphere-k3-beta0.2-n40-seed2-t50.png');
  expect([...png.text.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const csv = (await save('exportcsv')).text.toString().trimEnd().split('\n');
  expect(csv[0]).toBe('t,neuron,u1,u2,u3,heading');
  expect(csv).toHaveLength(41);
  for (const row of csv.slice(1)) {
    const u = row.split(',').slice(2, 5).map(Number);
    // overlaps of a unit neuron with unit index vectors lie in [−1, 1]
    for (const x of u) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  }

  const counts = await page.getByTestId('outcome-counts').getAttribute('data-counts').then((s) => JSON.parse(s!));
  const data = JSON.parse((await save('exportjson')).text.toString());
  expect(data).toMatchObject({ format: 'flowsphere-trajectories', t: 50, n: 40, k: 3, counts });
  expect(data.neurons.u).toHaveLength(40);
  expect(data.neurons.u[0].map(String)).toEqual(csv[1].split(',').slice(2, 5));
  // the seeded start is the one Node draws, to the last bit: the generator's logarithm is our own
  // (math/log.ts), where the engines' Math.log round differently
  expect(data.history.t[0]).toBe(0);
  const start = initialOverlaps(buildModel(modelSpecOf(decode('k=3&beta=0.2&n=40&d=300&T=50&seed=2').params)));
  expect(data.history.u[0]).toEqual(Array.from(start.subarray(0, data.history.u[0].length)));
  // and the run ends where the command line's does (the step sizes come from the engine's
  // Math.pow, so the last digits may differ)
  const cli = await cliFlow<FlowReport & { u: number[][] }>('k=3&beta=0.2&n=40&d=300&T=50&seed=2');
  cli.u.flat().forEach((x, i) => expect(Math.abs(data.neurons.u.flat()[i] - x)).toBeLessThan(1e-9));

  const countsCsv = (await save('exportcounts')).text.toString();
  expect(countsCsv).toContain(`at average,,${counts.atAverage}`);
  expect((await save('exporthistory')).text.toString().split('\n')[0]).toMatch(/^t,loss,n1_u1,/);

  const config = JSON.parse((await save('exportconfig')).text.toString());
  expect(config).toMatchObject({ format: 'flowsphere-config', version: SCHEMA_VERSION, params: { k: 3, n: 40, d: 300, T: 50, seed: 2 } });
  expect(decode(config.query)).toEqual({ params: config.params, problems: [] });
});

test('embed=1 shows only the view, time and playback, fills the frame, and still shows notices', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto('/?embed=1&k=3&n=40&zz=1');
  await expect(page.getByTestId('notice')).toContainText('zz');
  await expect(page.locator('button[name=play]')).toBeVisible();
  await expect(page.getByTestId('sim-time')).toBeVisible();
  for (const hidden of ['input[name=beta]', 'button[name=copylink]', 'h1']) await expect(page.locator(hidden)).toHaveCount(0);
  const view = await page.getByTestId('flow-canvas').boundingBox();
  expect(view!.width).toBeGreaterThan(600);
  expect(view!.height).toBeGreaterThan(250);
  // nothing scrolls: the page fits the frame
  const { scrollHeight, frameHeight } = await page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, frameHeight: window.innerHeight }));
  expect(scrollHeight).toBeLessThanOrEqual(frameHeight);
});

test('embed=1 links to the full page with the same parameters, and the link follows them', async ({ page }) => {
  await page.goto('/?embed=1&k=4&beta=0.1');
  const link = page.getByTestId('open-full');
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /\bnoopener\b/);
  const paramsOf = async () => {
    const href = new URL((await link.getAttribute('href'))!, page.url());
    expect(href.origin + href.pathname).toBe(new URL(page.url()).origin + new URL(page.url()).pathname);
    expect(href.searchParams.get('embed')).toBe('0');
    const { params, problems } = decode(href.search);
    expect(problems).toEqual([]);
    return params;
  };
  expect(await paramsOf()).toMatchObject({ k: 4, beta: 0.1, embed: false });
  // a new seed changes the parameters; the link follows without a reload
  const before = (await paramsOf()).seed;
  await page.locator('button[name=newseed]').click();
  await expect.poll(async () => (await paramsOf()).seed).not.toBe(before);
  expect(await paramsOf()).toMatchObject({ k: 4, beta: 0.1, embed: false });
});
