// Live reload and the error overlay of `bilateral-digest serve`, in headless
// Chromium. Run by tests/browser.rs with the page URL and the article file
// the page is made from:
//   node serve.mjs <page url> <article .md path>
// It edits the file, waits (up to 10 s each) for the open page to reload by
// itself, breaks the front matter and waits for the overlay naming the file,
// then fixes it and waits for the page to recover. Prints each wait's time;
// asserts on what the page shows, never on how fast.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const [url, file] = process.argv.slice(2);
const original = fs.readFileSync(file, 'utf8');
let failed = false;
const fail = (msg) => { console.log(`FAIL ${msg}`); failed = true; };

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  // A reload by itself clears this; a page patched in place would keep it.
  await page.evaluate(() => { window.__notReloaded = true; });
  // The page must be listening before the first edit.
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((r) => r.name.includes('/__bilateral_digest/events')), null, { timeout: 10000 })
    .catch(() => {});

  let start = Date.now();
  fs.writeFileSync(file, `${original}\nA sentence written in the browser test.\n`);
  await page.waitForFunction(() => document.body.innerText.includes('A sentence written in the browser test')
    && !window.__notReloaded, null, { timeout: 10000 })
    .then(() => console.log(`ok   edit shown by itself after ${Date.now() - start} ms`))
    .catch(() => fail('the edit did not show in the open page within 10 s'));

  start = Date.now();
  fs.writeFileSync(file, original.replace('+++\n', '+++\nbroken key here\n'));
  // Waits for the overlay naming the file and line: a build that caught the
  // file half-written may show another error first.
  await page.waitForFunction(() => {
    const box = document.getElementById('bd-build-error');
    return box && box.innerText.includes('oda-metro.md:2');
  }, null, { timeout: 10000 })
    .then(async () => {
      console.log(`ok   error overlay after ${Date.now() - start} ms`);
      const text = await page.locator('#bd-build-error').innerText();
      if (!text.includes('help:')) fail(`the overlay has no hint: ${text}`);
    })
    .catch(() => fail('no error overlay naming oda-metro.md:2 within 10 s of breaking the front matter'));
  if (!(await page.content()).includes('A sentence written in the browser test')) {
    fail('the last good page is not shown under the overlay');
  }

  start = Date.now();
  fs.writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById('bd-build-error')
    && !document.body.innerText.includes('A sentence written in the browser test'), null, { timeout: 10000 })
    .then(() => console.log(`ok   recovered after ${Date.now() - start} ms`))
    .catch(() => fail('the page did not recover within 10 s of the fix'));
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}
process.exit(failed ? 1 : 0);
