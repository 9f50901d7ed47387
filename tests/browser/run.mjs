// End-to-end checks of a built site, as its readers see it: pages opened from
// disk in headless Chromium, the same site served under a sub-path over HTTP,
// feeds and sitemap parsed, axe-core and the Nu Html Checker on every page.
//
// Usage: node run.mjs PUBLIC_DIR [BASE_URL] [--multilingual]
//
// BASE_URL is the base_url the site was built with; without it, it is
// inferred from the sitemap. --multilingual checks a site with several
// interface languages instead: axe on the pages of every language, the
// language switcher and search in each language from disk, the Nu checker
// on every page. Every check runs even when an earlier one fails,
// so that one run lists every defect. Exits 1 when any check failed.

import { chromium } from 'playwright-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(HERE, 'screenshots');
const AXE = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const SUB_PATH = '/digest/';
// Guards against a hang (a dead browser, a stuck server), not a speed target.
const HANG_GUARD_MS = 240_000;
const MAX_CRAWL_PAGES = 500;

const MULTILINGUAL = process.argv.includes('--multilingual');
const args = process.argv.slice(2).filter((a) => a !== '--multilingual');
if (args.length < 1 || args.length > 2) {
  console.error('usage: node run.mjs PUBLIC_DIR [BASE_URL] [--multilingual]');
  process.exit(2);
}
const PUBLIC = path.resolve(args[0]);
let BASE_URL = args[1] ?? process.env.BASE_URL ?? null;

const failures = [];
function fail(check, message) {
  failures.push({ check, message });
  console.log(`FAIL [${check}] ${message}`);
}

// ---------------------------------------------------------------- site files

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, r));
    else if (entry.isFile()) out.push(r);
  }
  return out.sort();
}

const exists = (rel) => {
  const p = path.join(PUBLIC, ...rel.split('/'));
  return fs.existsSync(p) && fs.statSync(p).isFile();
};
const read = (rel) => fs.readFileSync(path.join(PUBLIC, ...rel.split('/')), 'utf8');
const fileUrl = (rel) => pathToFileURL(path.join(PUBLIC, ...rel.split('/'))).href;
/** Path of a file:// URL relative to public/, or null when outside it. */
function relOfFileUrl(url) {
  const u = new URL(url);
  if (u.protocol !== 'file:') return null;
  const p = path.relative(PUBLIC, fileURLToPath(u));
  return p.startsWith('..') ? null : p.split(path.sep).join('/');
}

// Raw HTML scans only choose which pages to drive; every assertion about what
// a reader sees is made in the browser.
const hrefsIn = (html) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
const articleSlugOf = (href) => href.match(/(?:^|\/)articles\/([^/]+)\/index\.html$/)?.[1] ?? null;

// -------------------------------------------------------------------- checks

async function timed(name, fn) {
  const start = Date.now();
  const before = failures.length;
  try {
    await fn();
  } catch (e) {
    fail(name, `crashed: ${e && e.stack ? e.stack : e}`);
  }
  const secs = ((Date.now() - start) / 1000).toFixed(1);
  const n = failures.length - before;
  console.log(`${n ? 'FAIL' : 'ok  '} ${name} (${secs}s${n ? `, ${n} failure(s)` : ''})`);
}

/** Pages to drive, chosen from what the build produced. */
function choosePages(files) {
  const html = files.filter((f) => f.endsWith('.html'));
  const themes = html.filter((f) => /^themes\/[^/]+\/index\.html$/.test(f));
  const articles = html.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));
  const withRelated = new Set(
    articles.filter((f) => /related stories/i.test(read(f))).map((f) => articleSlugOf(f)),
  );
  // A theme whose first page links to an article that has related stories,
  // so the click-through can go home → theme → article → related.
  let theme = null;
  let article = null;
  for (const t of themes) {
    const slug = hrefsIn(read(t)).map(articleSlugOf).find((s) => s && withRelated.has(s));
    if (slug) {
      theme = t;
      article = `articles/${slug}/index.html`;
      break;
    }
  }
  theme ??= themes[0] ?? null;
  article ??= articles[0] ?? null;
  const month = html.find((f) => /^archive\/\d{4}\/\d{2}\/index\.html$/.test(f)) ?? null;
  const optional = (f) => (html.includes(f) ? f : null);
  return {
    html,
    articles,
    theme,
    article,
    withRelated,
    named: Object.fromEntries(
      Object.entries({
        home: 'index.html',
        themes: optional('themes/index.html'),
        theme,
        article,
        archive: 'archive/index.html',
        month,
        places: optional('places/index.html'),
        search: 'search/index.html',
      }).filter(([, f]) => f),
    ),
  };
}

async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => fail('javascript', `${page.url()}: uncaught ${e.message}`));
  return page;
}

async function h1Of(page) {
  const h1 = page.locator('h1');
  if ((await h1.count()) === 0) return null;
  return (await h1.first().innerText()).trim() || null;
}

/** Click the first visible link matching `selector`, wait for the new page. */
async function clickTo(page, selector) {
  const link = page.locator(selector).filter({ visible: true }).first();
  if ((await link.count()) === 0) return false;
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before), link.click()]);
  await page.waitForLoadState('load');
  return true;
}

async function checkClickThrough(browser, pages) {
  const C = 'click-through';
  if (!pages.theme || !pages.article) return fail(C, 'the site has no theme page or no article page');
  const page = await newPage(browser);
  await page.goto(fileUrl('index.html'));
  const themeHref = pages.theme; // links on the home page are relative to the root
  if (!(await clickTo(page, `a[href="${themeHref}"]`))) {
    return fail(C, `index.html has no visible link to ${themeHref}`);
  }
  if (relOfFileUrl(page.url()) !== pages.theme) return fail(C, `theme link led to ${page.url()}`);
  if (!(await h1Of(page))) fail(C, `${pages.theme}: no h1`);

  const slug = articleSlugOf(pages.article);
  if (!(await clickTo(page, `a[href$="articles/${slug}/index.html"]`))) {
    return fail(C, `${pages.theme} has no visible link to ${pages.article}`);
  }
  const first = relOfFileUrl(page.url());
  if (first !== pages.article) return fail(C, `article link led to ${page.url()}`);
  const firstH1 = await h1Of(page);
  if (!firstH1) return fail(C, `${first}: no h1`);

  if (!pages.withRelated.has(slug)) {
    return fail(C, 'no article linked from a theme page has a "Related stories" section');
  }
  // Mark the first link of the section headed "Related stories", wherever the
  // template puts it (section, aside, nav, details).
  const marked = await page.evaluate(() => {
    const label = (e) => e.getAttribute('aria-label') || e.textContent || '';
    for (const head of document.querySelectorAll('h2, h3, h4, summary, [aria-label]')) {
      if (!/related stories/i.test(label(head))) continue;
      const box = head.matches('section, aside, nav, details')
        ? head
        : head.closest('section, aside, nav, details') || head.parentElement;
      const self = location.pathname;
      const link = [...box.querySelectorAll('a[href]')].find(
        (a) => /articles\/[^/]+\/index\.html$/.test(a.getAttribute('href')) && a.pathname !== self,
      );
      if (link) {
        link.setAttribute('data-e2e-related', '');
        return link.getAttribute('href');
      }
    }
    return null;
  });
  if (!marked) return fail(C, `${first}: no link to another article under "Related stories"`);
  await clickTo(page, '[data-e2e-related]');
  const second = relOfFileUrl(page.url());
  if (!second || !/^articles\/[^/]+\/index\.html$/.test(second) || second === first) {
    return fail(C, `related link ${marked} on ${first} led to ${page.url()}`);
  }
  if (!(await h1Of(page))) fail(C, `${second}: no h1`);

  await page.goBack();
  await page.waitForLoadState('load');
  if (relOfFileUrl(page.url()) !== first) fail(C, `Back from ${second} went to ${page.url()}, not ${first}`);
  else if ((await h1Of(page)) !== firstH1) fail(C, `Back to ${first}: h1 differs`);
  await page.context().close();
}

/** A word a reader would search for, with and without diacritics. */
function searchWords(pages) {
  const strip = (w) => w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  // Titles of the articles the archive lists: off-topic or unlisted
  // articles need not be searchable.
  const listed = new Set(
    pages.html
      .filter((f) => /^archive\/\d{4}\/\d{2}\//.test(f))
      .flatMap((f) => hrefsIn(read(f)).map(articleSlugOf))
      .filter(Boolean),
  );
  const titles = pages.articles
    .filter((f) => listed.size === 0 || listed.has(articleSlugOf(f)))
    .map((f) => read(f).match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '');
  const words = titles
    .join(' ')
    .replace(/<[^>]*>|&[a-z#0-9]+;/gi, ' ')
    .split(/[^\p{L}\p{M}]+/u)
    .map((w) => w.normalize('NFC'))
    .filter((w) => [...w].length >= 4);
  const accented = words.find((w) => strip(w) !== w);
  if (accented) return { accented, plain: strip(accented) };
  // No title has diacritics: add one, which accent-insensitive search must ignore.
  const plain = words.find((w) => /^[a-z]+$/i.test(w));
  if (!plain) return null;
  const accent = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
  const i = [...plain].findIndex((c) => accent[c]);
  if (i < 0) return null;
  return { accented: plain.slice(0, i) + accent[plain[i]] + plain.slice(i + 1), plain };
}

const RESULT_LINKS = '#search-results a[href*="articles/"]';

async function resultHrefs(page) {
  return page.locator(RESULT_LINKS).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

/** Words of one listed article's title, as the search script makes terms. */
function titleWords(pages) {
  const listed = new Set(
    pages.html
      .filter((f) => /^archive\/\d{4}\/\d{2}\//.test(f))
      .flatMap((f) => hrefsIn(read(f)).map(articleSlugOf))
      .filter(Boolean),
  );
  return pages.articles
    .filter((f) => listed.has(articleSlugOf(f)))
    .map((f) => ({
      file: f,
      words: (read(f).match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '')
        .replace(/<[^>]*>|&[a-z#0-9]+;/gi, ' ')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => [...w].length >= 4),
    }));
}

async function checkSearch(browser, pages) {
  const C = 'search';
  // Without JavaScript the search page points to the archive, which lists
  // every story a page at a time.
  const nojs = await newPage(browser, { javaScriptEnabled: false });
  await nojs.goto(fileUrl('search/index.html'));
  const toArchive = await nojs.locator('#search-results a[href$="archive/index.html"]').count();
  if (toArchive === 0) fail(C, 'without JavaScript, #search-results has no link to the archive');
  await nojs.context().close();

  const words = searchWords(pages);
  if (!words) return fail(C, 'found no word of 4+ letters in the article titles to search for');
  console.log(`     searching for "${words.accented}" and "${words.plain}"`);
  const page = await newPage(browser);
  // Shards come by <script> tags after the page has loaded: wait for the
  // count the script writes once the search is done.
  const settle = (p) =>
    p.waitForFunction(() => !!document.querySelector('#search-results .search-count')?.textContent, null, { timeout: 10_000 });
  const search = async (q) => {
    await page.goto(`${fileUrl('search/index.html')}?q=${encodeURIComponent(q)}`);
    await page.waitForLoadState('load');
    await settle(page).catch(() => fail(C, `?q=${q}: the search never finished`));
    return resultHrefs(page);
  };
  // The shards the page has loaded: one <script> each (file:// has no
  // resource timing entries for them).
  const loadedShards = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('script[src]')]
        .map((e) => e.getAttribute('src'))
        .filter((n) => n.includes('search/terms/') || n.includes('search/docs/')),
    );
  const a = await search(words.accented);
  const b = await search(words.plain);
  if (a.length === 0) fail(C, `?q=${words.accented}: no results in #search-results`);
  if (b.length === 0) fail(C, `?q=${words.plain}: no results in #search-results`);
  const same = JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (!same) fail(C, `"${words.accented}" found ${a.length} article(s), "${words.plain}" found ${b.length}: search is not accent-insensitive`);
  const none = await search('zqxjkvwq');
  if (none.length !== 0) fail(C, `?q=zqxjkvwq still shows ${none.length} result link(s): search.js did not filter`);

  // Two words of one title whose terms live in two shards: both shards load,
  // the article is found, and nothing else of the index is loaded.
  await search('zqxjkvwq');
  const titles = titleWords(pages);
  const pair = await page.evaluate((titles) => {
    const S = window.BDSearch;
    const m = window.SEARCH_MANIFEST;
    for (const t of titles) {
      const ws = t.words.map((w) => S.terms(w)[0]).filter(Boolean);
      for (const x of ws) {
        for (const y of ws) {
          if (S.shardOf(x, m.terms, m.key) !== S.shardOf(y, m.terms, m.key)) return { file: t.file, q: `${x} ${y}` };
        }
      }
    }
    return null;
  }, titles);
  if (!pair) {
    fail(C, 'no title has two words in different shards');
  } else {
    const found = await search(pair.q);
    const slug = articleSlugOf(pair.file);
    if (!found.some((h) => articleSlugOf(h) === slug)) fail(C, `?q=${pair.q}: ${pair.file} not among ${found.join(', ')}`);
    const shards = await loadedShards();
    const terms = shards.filter((n) => n.includes('/search/terms/'));
    const docs = shards.filter((n) => n.includes('/search/docs/'));
    if (terms.length !== 2) fail(C, `?q=${pair.q} loaded ${terms.length} term shards, not its 2: ${terms.join(', ')}`);
    if (docs.length === 0 || docs.length > found.length) fail(C, `?q=${pair.q} loaded ${docs.length} document shards for ${found.length} results`);
    console.log(`     "${pair.q}": ${terms.length} term shards, ${docs.length} document shard(s), ${found.length} result(s)`);

    // Prefix matching while typing: the first letters of a word find it.
    const long = pair.q.split(' ').find((w) => [...w].length >= 5) ?? pair.q.split(' ')[0];
    const prefix = [...long].slice(0, Math.max(3, [...long].length - 2)).join('');
    const typed = await search(prefix);
    if (!typed.some((h) => articleSlugOf(h) === slug)) fail(C, `?q=${prefix} (a prefix of "${long}") does not find ${pair.file}`);
  }

  await search(words.plain);
  if (await clickTo(page, RESULT_LINKS)) {
    const rel = relOfFileUrl(page.url());
    if (!rel || !/^articles\/[^/]+\/index\.html$/.test(rel)) fail(C, `a result led to ${page.url()}`);
    else if (!(await h1Of(page))) fail(C, `${rel}: no h1`);
  }
  await page.context().close();

  // Keyboard only: from the top of the home page, Tab to the search box,
  // type, Enter; Tab to a result, Enter.
  const kb = await newPage(browser);
  await kb.goto(fileUrl('index.html'));
  const tabUntil = async (predicate, limit) => {
    for (let i = 0; i < limit; i++) {
      await kb.keyboard.press('Tab');
      if (await kb.evaluate(predicate)) return true;
    }
    return false;
  };
  if (!(await tabUntil(() => document.activeElement?.matches('input[type="search"]'), 40))) {
    fail(C, 'keyboard: 40 Tab presses from the top of index.html never reach the search input');
  } else {
    await kb.keyboard.type(words.plain);
    await Promise.all([kb.waitForURL(/search\/index\.html\?/), kb.keyboard.press('Enter')]);
    await kb.waitForLoadState('load');
    await settle(kb).catch(() => {});
    if ((await resultHrefs(kb)).length === 0) {
      fail(C, `keyboard: submitting "${words.plain}" shows no results (${kb.url()})`);
    } else if (
      !(await tabUntil(() => !!document.activeElement?.closest('#search-results a[href*="articles/"]'), 80))
    ) {
      fail(C, 'keyboard: 80 Tab presses on the search page never reach a result link');
    } else {
      await Promise.all([kb.waitForURL(/articles\/[^/]+\/index\.html/), kb.keyboard.press('Enter')]);
      if (!(await h1Of(kb))) fail(C, `keyboard: result led to ${kb.url()}, which has no h1`);
    }
  }
  await kb.context().close();
}

// --------------------------------------------------------- feeds and sitemap

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'item', 'url', 'link'].includes(name),
});

/** The file under public/ an absolute site URL names, or an error string. */
function fileOfUrl(url) {
  if (!BASE_URL) return `cannot map ${url}: base URL unknown`;
  if (!url.startsWith(BASE_URL)) return `${url} is not under the base URL ${BASE_URL}`;
  let rel = decodeURIComponent(url.slice(BASE_URL.length).split(/[?#]/)[0]);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return exists(rel) ? { rel } : `${url} → ${rel} does not exist in public/`;
}

const text = (v) => (typeof v === 'object' && v !== null ? (v['#text'] ?? '') : (v ?? '')).toString().trim();
const validDate = (s) => !!s && !Number.isNaN(Date.parse(s));

function checkXmlFeed(rel, C, requireEntries) {
  const body = read(rel);
  const valid = XMLValidator.validate(body);
  if (valid !== true) return fail(C, `${rel}: not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const doc = xml.parse(body);
  let entries;
  if (doc.feed) {
    entries = (doc.feed.entry ?? []).map((e) => ({
      title: text(e.title),
      link: (e.link ?? []).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'] ?? '',
      date: text(e.updated) || text(e.published),
    }));
    if (!text(doc.feed.title)) fail(C, `${rel}: feed has no title`);
    if (!text(doc.feed.id)) fail(C, `${rel}: Atom feed has no id`);
    if (!validDate(text(doc.feed.updated))) fail(C, `${rel}: Atom feed has no valid <updated>`);
  } else if (doc.rss?.channel) {
    entries = (doc.rss.channel.item ?? []).map((e) => ({
      title: text(e.title),
      link: text((e.link ?? [])[0]),
      date: text(e.pubDate),
    }));
  } else {
    return fail(C, `${rel}: neither an Atom <feed> nor an RSS <rss><channel>`);
  }
  if (requireEntries && entries.length === 0) fail(C, `${rel}: no entries`);
  entries.forEach((e, i) => {
    const where = `${rel} entry ${i + 1}`;
    if (!e.title) fail(C, `${where}: no title`);
    if (!e.link) fail(C, `${where}: no link`);
    else {
      const f = fileOfUrl(e.link);
      if (typeof f === 'string') fail(C, `${where}: ${f}`);
    }
    if (!validDate(e.date)) fail(C, `${where}: no valid date (got "${e.date}")`);
  });
  return entries.length;
}

function checkJsonFeed(rel, C, requireEntries) {
  let doc;
  try {
    doc = JSON.parse(read(rel));
  } catch (e) {
    return fail(C, `${rel}: not JSON: ${e.message}`);
  }
  if (!/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/.test(doc.version ?? '')) fail(C, `${rel}: version is "${doc.version}"`);
  if (!doc.title) fail(C, `${rel}: no title`);
  if (!Array.isArray(doc.items)) return fail(C, `${rel}: no items array`);
  if (requireEntries && doc.items.length === 0) fail(C, `${rel}: no items`);
  doc.items.forEach((item, i) => {
    const where = `${rel} item ${i + 1}`;
    if (!item.id) fail(C, `${where}: no id`);
    if (!item.title) fail(C, `${where}: no title`);
    if (!item.url) fail(C, `${where}: no url`);
    else {
      const f = fileOfUrl(item.url);
      if (typeof f === 'string') fail(C, `${where}: ${f}`);
    }
    if (!validDate(item.date_published)) fail(C, `${where}: no valid date_published`);
  });
}

function sitemapLocs() {
  if (!exists('sitemap.xml')) return null;
  const body = read('sitemap.xml');
  if (XMLValidator.validate(body) !== true) return null;
  return (xml.parse(body).urlset?.url ?? []).map((u) => text(u.loc));
}

async function checkFeeds(files) {
  const C = 'feeds+sitemap';
  for (const f of ['feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt']) {
    if (!exists(f)) fail(C, `${f} is missing`);
  }
  if (exists('feed.xml')) checkXmlFeed('feed.xml', C, true);
  if (exists('feed.json')) checkJsonFeed('feed.json', C, true);
  for (const t of files.filter((f) => /^themes\/[^/]+\/index\.html$/.test(f))) {
    const dir = t.replace(/index\.html$/, '');
    for (const [name, check] of [['feed.xml', checkXmlFeed], ['feed.json', checkJsonFeed]]) {
      if (exists(dir + name)) check(dir + name, C, false);
      else fail(C, `${dir}${name} is missing`);
    }
  }
  if (exists('sitemap.xml')) {
    const valid = XMLValidator.validate(read('sitemap.xml'));
    if (valid !== true) return fail(C, `sitemap.xml: not well-formed XML: ${valid.err.msg}`);
    const locs = sitemapLocs();
    if (locs.length === 0) fail(C, 'sitemap.xml: no <url><loc>');
    const seen = new Set();
    for (const loc of locs) {
      const f = fileOfUrl(loc);
      if (typeof f === 'string') fail(C, `sitemap.xml: ${f}`);
      if (seen.has(loc)) fail(C, `sitemap.xml: ${loc} listed twice`);
      seen.add(loc);
    }
    const mapped = new Set(locs.map(fileOfUrl).filter((f) => typeof f !== 'string').map((f) => f.rel));
    for (const a of files.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f))) {
      if (!mapped.has(a)) fail(C, `sitemap.xml does not list ${a}`);
    }
  }
}

// -------------------------------------------------------------------- layout

async function checkLayout(browser, pages) {
  const C = 'layout';
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const shots = ['home', 'theme', 'article', 'archive', 'search'].filter((n) => pages.named[n]);
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
      for (const name of shots) {
        const rel = pages.named[name];
        await page.goto(fileUrl(rel));
        if (scheme === 'light' || name === 'home' || name === 'article') {
          const file = `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`;
          await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
        }
        if (scheme !== 'light') continue;
        const m = await page.evaluate(() => {
          const vw = window.innerWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > vw + 1)
            .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= vw + 1)
            .slice(0, 5)
            .map((e) => `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}> right=${Math.round(e.getBoundingClientRect().right)}`);
          return { sw: document.documentElement.scrollWidth, vw, wide };
        });
        if (m.sw > m.vw) {
          fail(C, `${rel} at ${width}px: scrollWidth ${m.sw} > innerWidth ${m.vw}; widest: ${m.wide.join(', ')}`);
        }
        // Measured, not compared with pixels: headlines larger than their
        // summaries, the reading column centred, no chart labels overlapping.
        const d = await page.evaluate(() => {
          const size = (sel) => {
            const e = document.querySelector(sel);
            return e ? parseFloat(getComputedStyle(e).fontSize) : null;
          };
          const main = document.querySelector('main.column');
          let off = null;
          if (main) {
            const r = main.getBoundingClientRect();
            off = Math.abs(r.left - (document.documentElement.clientWidth - r.right));
          }
          const labels = [...document.querySelectorAll('figure.chart svg text')]
            .map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }))
            .filter((x) => x.r.width > 0);
          const overlaps = [];
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
              const a = labels[i].r, b = labels[j].r;
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                overlaps.push(`${labels[i].t} / ${labels[j].t}`);
              }
            }
          }
          return { title: size('.item-title'), summary: size('.summary'), off, overlaps: overlaps.slice(0, 3) };
        });
        if (d.title !== null && d.summary !== null && !(d.title > d.summary)) {
          fail(C, `${rel} at ${width}px: headline ${d.title}px is not larger than its summary ${d.summary}px`);
        }
        if (d.off !== null && d.off > 2) {
          fail(C, `${rel} at ${width}px: the reading column is off centre by ${d.off}px`);
        }
        if (d.overlaps.length) fail(C, `${rel} at ${width}px: chart labels overlap: ${d.overlaps.join('; ')}`);
      }
      await page.context().close();
    }
  }
}

// ------------------------------------------------------------ languages

/** The folders of the interface languages, from the home page's alternates ("" for the root).
 *  With a base URL they are absolute (search engines take no other), else relative. */
function languagePrefixes() {
  const home = read('index.html');
  const prefixes = [...home.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]*)"/g)]
    .filter((m) => m[1] !== 'x-default')
    .map((m) => (BASE_URL && m[2].startsWith(BASE_URL) ? m[2].slice(BASE_URL.length) : m[2]))
    .map((href) => href.replace(/index\.html$/, ''));
  return [...new Set(prefixes)];
}

/** The pages to check in each language: its listing pages, and an article written in it. */
function multilingualPages(files) {
  const named = {};
  for (const prefix of languagePrefixes()) {
    const tag = prefix ? prefix.replace(/\/$/, '') : 'default';
    const ofLang = (re) => files.find((f) => f.startsWith(prefix) && re.test(f.slice(prefix.length)));
    const lang = prefix ? tag : read('index.html').match(/<html lang="([^"]+)"/)?.[1];
    const article = files.find(
      (f) => /^articles\/[^/]+\/index\.html$/.test(f) && read(f).includes(`<html lang="${lang}"`),
    );
    Object.assign(named, {
      [`home@${tag}`]: `${prefix}index.html`,
      [`themes@${tag}`]: ofLang(/^themes\/index\.html$/),
      [`theme@${tag}`]: ofLang(/^themes\/[^/]+\/index\.html$/),
      [`archive@${tag}`]: ofLang(/^archive\/index\.html$/),
      [`month@${tag}`]: ofLang(/^archive\/\d{4}\/\d{2}\/index\.html$/),
      [`places@${tag}`]: ofLang(/^places\/index\.html$/),
      [`place@${tag}`]: ofLang(/^places\/[^/]+\/index\.html$/),
      [`search@${tag}`]: `${prefix}search/index.html`,
      [`article@${tag}`]: article,
    });
  }
  return Object.fromEntries(Object.entries(named).filter(([, f]) => f && exists(f)));
}

/** From disk, every link of each page's language switcher opens a page in that language. */
async function checkSwitcher(browser, pages) {
  const C = 'languages';
  const page = await newPage(browser);
  let links = 0;
  for (const rel of Object.values(pages.named)) {
    await page.goto(fileUrl(rel));
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll('nav.lang-nav a[href]')].map((a) => ({
        href: a.href,
        hreflang: a.getAttribute('hreflang'),
        lang: a.getAttribute('lang'),
        label: a.closest('nav').getAttribute('aria-label'),
      })),
    );
    if (targets.length === 0 && !/^articles\//.test(rel)) fail(C, `${rel}: no language switcher`);
    for (const t of targets) {
      links++;
      if (!t.hreflang || t.hreflang !== t.lang) fail(C, `${rel}: switcher link ${t.href} has hreflang "${t.hreflang}" and lang "${t.lang}"`);
      if (!t.label) fail(C, `${rel}: the switcher nav has no aria-label`);
      const other = await newPage(browser);
      const res = await other.goto(t.href).catch((e) => fail(C, `${rel}: ${t.href} does not open: ${e.message}`));
      if (res !== undefined) {
        const langs = await other.evaluate(() => [
          document.documentElement.lang,
          document.querySelector('article.story')?.getAttribute('lang') ?? null,
        ]);
        if (!langs.includes(t.hreflang)) fail(C, `${rel}: the ${t.hreflang} link opens ${relOfFileUrl(t.href)}, in ${langs.filter(Boolean).join('/')}`);
      }
      await other.context().close();
    }
  }
  console.log(`     followed ${links} switcher links`);
  await page.context().close();
}

/**
 * Search from disk on each language's search page finds an article written
 * in that language by a word of its title, among the stories that
 * language's archive lists (of a story told in several languages, the
 * version in the page's language), and never two versions of one story.
 */
async function checkSearchEachLanguage(browser, pages) {
  const C = 'search';
  const listedIn = (prefix) => new Set(
    pages.html
      .filter((f) => /^archive\/(\d{4}\/\d{2}\/|index\.html$)/.test(f.startsWith(prefix) ? f.slice(prefix.length) : ''))
      .flatMap((f) => [...read(f).matchAll(/class="item-title"[^>]*><a href="([^"]+)"/g)].map((m) => articleSlugOf(m[1])))
      .filter(Boolean),
  );
  const page = await newPage(browser);
  for (const rel of Object.values(pages.named).filter((f) => /(^|\/)search\/index\.html$/.test(f))) {
    const lang = read(rel).match(/<html lang="([^"]+)"/)?.[1];
    const listed = listedIn(rel.replace(/search\/index\.html$/, ''));
    const article = pages.articles.find((f) => listed.has(articleSlugOf(f)) && read(f).includes(`<html lang="${lang}"`));
    const title = article ? read(article).match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '' : '';
    const word = title.replace(/<[^>]*>|&[a-z#0-9]+;/gi, ' ').split(/[\s\p{P}]+/u).find((w) => [...w].length >= 2);
    if (!word) {
      fail(C, `${rel}: no article title to search for`);
      continue;
    }
    await page.goto(`${fileUrl(rel)}?q=${encodeURIComponent(word)}`);
    await page
      .waitForFunction(() => !!document.querySelector('#search-results .search-count')?.textContent, null, { timeout: 10_000 })
      .catch(() => fail(C, `${rel}?q=${word}: the search never finished`));
    const found = await resultHrefs(page);
    const slug = articleSlugOf(article);
    if (!found.some((h) => articleSlugOf(h) === slug)) fail(C, `${rel}?q=${word}: ${article} not among ${found.join(', ')}`);
    const unlisted = found.filter((h) => !listed.has(articleSlugOf(h)));
    if (unlisted.length) fail(C, `${rel}?q=${word}: found ${unlisted.join(', ')}, which this language does not list`);
  }
  await page.context().close();
}

// ---------------------------------------------------------------------- axe

async function checkAxe(browser, pages) {
  const C = 'axe';
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme: scheme });
    for (const rel of Object.values(pages.named)) {
      await page.goto(fileUrl(rel));
      await page.emulateMedia({ colorScheme: scheme });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary || '').replace(/\s+/g, ' ')}`),
          }));
      });
      for (const v of violations) {
        const nodes = v.nodes.slice(0, 5).map((n) => `\n        ${n}`).join('');
        const more = v.nodes.length > 5 ? `\n        … and ${v.nodes.length - 5} more` : '';
        fail(C, `${rel} (${scheme}): ${v.id} [${v.impact}] ${v.help}${nodes}${more}`);
      }
    }
    await page.context().close();
  }
}

// ------------------------------------------------------- HTTP under /digest/

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves public/ under /digest/ the way GitHub Pages does, 404.html included. */
function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = null;
    if (url.pathname.startsWith(SUB_PATH)) {
      let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const p = path.resolve(PUBLIC, rel);
      if (p.startsWith(PUBLIC + path.sep) && fs.existsSync(p) && fs.statSync(p).isFile()) file = p;
    }
    const status = file ? 200 : 404;
    file ??= path.join(PUBLIC, '404.html');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found (and no 404.html)');
      }
      res.writeHead(status, { 'content-type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function checkHttp(browser) {
  const C = 'http-links';
  const server = await startServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const page = await newPage(browser);
  const broken = new Map(); // url → where it was referenced
  const notRelative = new Set();
  let from = '';
  const linkedFrom = new Map(); // page url → the first page linking to it
  page.on('response', (r) => {
    if (r.status() < 400 || !r.url().startsWith(origin)) return;
    const isPage = r.request().isNavigationRequest();
    broken.set(r.url(), isPage ? `${linkedFrom.get(r.url()) ?? from} (linked)` : `${from} (loaded by the page)`);
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(origin)) broken.set(r.url(), `${from} (failed: ${r.failure()?.errorText})`);
  });

  const start = `${origin}${SUB_PATH}index.html`;
  const queue = [start];
  const visited = new Set();
  const resources = new Map(); // non-HTML url → first referrer
  const ids = new Map(); // page url → ids on it
  const fragments = []; // [page url, id, referrer]
  while (queue.length && visited.size < MAX_CRAWL_PAGES) {
    const url = queue.shift();
    if (visited.has(url)) continue;
    visited.add(url);
    from = url;
    const res = await page.goto(url);
    if (!res || res.status() !== 200) continue; // recorded by the response handler
    const found = await page.evaluate(() => {
      const refs = [];
      for (const e of document.querySelectorAll('[href], [src], form[action]')) {
        for (const attr of ['href', 'src', 'action']) {
          const raw = e.getAttribute(attr);
          if (raw === null) continue;
          refs.push({ raw, abs: new URL(raw, document.baseURI).href, tag: e.tagName.toLowerCase() });
        }
      }
      return { refs, ids: [...document.querySelectorAll('[id]')].map((e) => e.id) };
    });
    ids.set(url, new Set(found.ids));
    for (const { raw, abs, tag } of found.refs) {
      const u = new URL(abs);
      if (u.origin !== origin) continue;
      // Links must open from disk too: relative, and naming a file.
      if (raw.startsWith('/') || (u.pathname.endsWith('/') && !raw.startsWith('#'))) {
        notRelative.add(`${url.slice(origin.length)}: <${tag}> ${raw}`);
      }
      if (u.hash.length > 1) fragments.push([u.origin + u.pathname, decodeURIComponent(u.hash.slice(1)), url]);
      u.hash = '';
      const target = u.href;
      if (target.endsWith('.html') || target.endsWith('/')) {
        if (!visited.has(target)) {
          queue.push(target);
          if (!linkedFrom.has(target)) linkedFrom.set(target, url);
        }
      } else if (!resources.has(target)) {
        resources.set(target, url);
      }
    }
  }
  if (queue.length) fail(C, `stopped after ${MAX_CRAWL_PAGES} pages; raise MAX_CRAWL_PAGES`);
  for (const [target, referrer] of resources) {
    const r = await page.request.get(target);
    if (r.status() !== 200) broken.set(target, `${referrer} (status ${r.status()})`);
  }
  for (const [u, ref] of broken) fail(C, `${u.slice(origin.length)} is broken, referenced from ${ref.replaceAll(origin, '')}`);
  for (const n of [...notRelative].slice(0, 20)) fail(C, `link not relative to a file (breaks from disk): ${n}`);
  for (const [pageUrl, id, ref] of fragments) {
    const known = ids.get(pageUrl);
    if (known && !known.has(id)) fail(C, `${ref.slice(origin.length)} links to #${id}, which ${pageUrl.slice(origin.length)} lacks`);
  }
  console.log(`     crawled ${visited.size} pages and ${resources.size} other files over HTTP`);

  // The 404 page is served at any depth: its stylesheet must still load.
  const css = [];
  const onResponse = (r) => {
    if (r.request().resourceType() === 'stylesheet') css.push([r.url(), r.status()]);
  };
  page.on('response', onResponse);
  broken.clear();
  from = `${SUB_PATH}does/not/exist`;
  const res = await page.goto(`${origin}${SUB_PATH}does/not/exist`);
  broken.delete(`${origin}${SUB_PATH}does/not/exist`);
  if (res.status() !== 404) fail(C, `${SUB_PATH}does/not/exist answered ${res.status()}`);
  if (css.length === 0) fail(C, '404 page: loads no stylesheet');
  for (const [u, s] of css) if (s !== 200) fail(C, `404 page at ${SUB_PATH}does/not/exist: stylesheet ${u.slice(origin.length)} → ${s}`);
  const rules = await page.evaluate(() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0));
  if (rules === 0) fail(C, '404 page: no CSS rules applied');
  for (const [u, ref] of broken) fail(C, `404 page: ${u.slice(origin.length)} is broken (${ref})`);
  const back = await page.evaluate(() =>
    [...document.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href').startsWith('#')).map((a) => a.href),
  );
  for (const href of back.filter((h) => h.startsWith(origin))) {
    const r = await page.request.get(href.split('#')[0]);
    if (r.status() !== 200) fail(C, `404 page: link ${href.slice(origin.length)} → ${r.status()}`);
  }
  page.off('response', onResponse);
  await page.context().close();
  await new Promise((resolve) => server.close(resolve));
}

// ---------------------------------------------------------------------- vnu

function startVnu(htmlFiles) {
  const jar = require('vnu-jar');
  return new Promise((resolve) => {
    const files = htmlFiles.map((f) => path.join(PUBLIC, ...f.split('/')));
    const child = spawn('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ spawnError: e }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function checkVnu(pending) {
  const C = 'vnu';
  const { spawnError, code, out } = await pending;
  if (spawnError) return fail(C, `cannot run java (${spawnError.message}): install it: apt-get install -y default-jre-headless`);
  let messages;
  try {
    messages = JSON.parse(out).messages;
  } catch {
    return fail(C, `vnu exited ${code} with unparsable output:\n${out.slice(0, 2000)}`);
  }
  for (const m of messages.filter((m) => m.type !== 'info')) {
    const rel = m.url ? relOfFileUrl(m.url) ?? m.url : '?';
    const extract = m.extract ? ` — ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}` : '';
    fail(C, `${rel}:${m.lastLine ?? '?'}: ${m.message}${extract}`);
  }
  if (code !== 0 && messages.length === 0) fail(C, `vnu exited ${code}`);
}

// --------------------------------------------------------------------- main

async function main() {
  const guard = setTimeout(() => {
    console.log(`FAIL the browser checks hung for ${HANG_GUARD_MS / 1000}s; failures so far: ${failures.length}`);
    process.exit(1);
  }, HANG_GUARD_MS);
  guard.unref();

  if (!fs.existsSync(CHROMIUM)) {
    console.log(`FAIL ${CHROMIUM} is missing: install it: apt-get install -y chromium`);
    process.exit(1);
  }
  if (!fs.existsSync(PUBLIC)) {
    console.log(`FAIL ${PUBLIC} does not exist`);
    process.exit(1);
  }
  const files = walk(PUBLIC);
  const required = ['index.html', 'search/index.html', 'archive/index.html', '404.html', 'style.css', 'search.js', 'search/manifest.js'];
  const missing = required.filter((f) => !exists(f));
  for (const f of missing) fail('layout of public/', `${f} is missing`);
  if (missing.includes('index.html')) {
    console.log(`\n${failures.length} failure(s); no home page, nothing more to check`);
    process.exit(1);
  }
  const pages = choosePages(files);
  if (MULTILINGUAL) pages.named = multilingualPages(files);
  if (!BASE_URL) {
    // The home page is the shortest URL of the sitemap.
    const locs = sitemapLocs() ?? [];
    BASE_URL = locs.sort((a, b) => a.length - b.length)[0]?.replace(/index\.html$/, '') ?? null;
  }
  console.log(`checking ${pages.html.length} HTML pages in ${PUBLIC} (base URL ${BASE_URL ?? 'unknown'})`);
  console.log(`     pages: ${JSON.stringify(pages.named)}`);

  const vnu = startVnu(pages.html);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    if (MULTILINGUAL) {
      await timed('languages', () => checkSwitcher(browser, pages));
      await timed('search', () => checkSearchEachLanguage(browser, pages));
      await timed('axe', () => checkAxe(browser, pages));
    } else {
      await timed('click-through', () => checkClickThrough(browser, pages));
      await timed('search', () => checkSearch(browser, pages));
      await timed('feeds+sitemap', () => checkFeeds(files));
      await timed('layout', () => checkLayout(browser, pages));
      await timed('axe', () => checkAxe(browser, pages));
      await timed('http-links', () => checkHttp(browser));
    }
  } finally {
    await browser.close();
  }
  await timed('vnu', () => checkVnu(vnu));

  if (failures.length) {
    console.log(`\n${failures.length} failure(s):`);
    for (const f of failures) console.log(`  [${f.check}] ${f.message}`);
    process.exit(1);
  }
  console.log('\nall browser checks passed');
}

await main();
