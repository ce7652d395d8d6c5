// Renders public/icons/icon.svg into the PNG icons the web app manifest and iOS need, with the
// same headless Chromium the e2e tests use (no image library needed). Run after editing the
// SVG and commit the PNGs: `node scripts/icons.mjs`.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const DIR = new URL('../public/icons/', import.meta.url);
/** file name → edge in pixels; the SVG keeps its content inside the maskable safe zone (80 %) */
const SIZES = { 'icon-192.png': 192, 'icon-512.png': 512, 'apple-touch-icon.png': 180 };

const svg = await readFile(new URL('icon.svg', DIR), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const [name, size] of Object.entries(SIZES)) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<html><body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size } });
    await writeFile(new URL(name, DIR), png);
    console.log(`${name}: ${size}×${size}, ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
