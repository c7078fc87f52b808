// Lighthouse's accessibility category for many pages with one Chromium (Debian's, no download).
// One browser start per page costs ~10 s on these machines; the CLI starts one per page.
//
//   node lighthouse_pages.mjs URL...   ->   one JSON line per page:
//   {"url": ..., "score": 1, "failing": [{"id": ..., "title": ..., "items": [...]}]}
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plainpath-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  userDataDir: profile,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const CONFIG = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['accessibility'],
    // Its default phone screen and (simulated) throttling. Audited once loaded: no wait for the
    // network or the processor to go quiet, which only its speed figures need. ('provided'
    // throttling would force 5.25 s of each wait: 14 s a page instead of about 3.)
    disableFullPageScreenshot: true,
    pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0,
  },
};
let exitCode = 0;
try {
  for (const url of process.argv.slice(2)) {
    const result = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: process.env.LH_LOG || 'error'}, CONFIG);
    if (!result) {
      console.log(JSON.stringify({url, score: null, failing: [], error: 'Lighthouse returned no result'}));
      exitCode = 1;
      continue;
    }
    const {lhr} = result;
    const refs = lhr.categories.accessibility.auditRefs.filter(ref => ref.weight > 0);
    const failing = refs.map(ref => lhr.audits[ref.id]).filter(audit => audit.score !== null && audit.score < 1)
      .map(audit => ({
        id: audit.id, title: audit.title,
        items: ((audit.details && audit.details.items) || []).slice(0, 5)
          .map(item => (item.node && (item.node.selector + ' ' + (item.node.snippet || ''))) || JSON.stringify(item).slice(0, 200)),
      }));
    console.log(JSON.stringify({url, score: lhr.categories.accessibility.score, failing,
                                error: lhr.runtimeError ? lhr.runtimeError.message : null}));
  }
} finally {
  await chrome.kill();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.exit(exitCode);
