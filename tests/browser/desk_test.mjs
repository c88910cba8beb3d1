// The proof desk in a real browser: headless Chromium, driven over the
// DevTools protocol (Node's WebSocket; no npm packages). It opens the desk on a
// copy of the sample issue, checks the thumbnails render, toggles an overlay,
// clicks a fit-report row, saves a change to the copy and sees the page update.
//   node --experimental-websocket tests/browser/desk_test.mjs PAIBAN SOURCE_DIR [--screenshot FILE]
// Exit 77 (skipped) only when there is no Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [paiban, source] = process.argv.slice(2, 4);
const shotArg = process.argv.indexOf('--screenshot');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((f) => fs.existsSync(f));
if (!chromium) {
  console.log('SKIP: no Chromium (/usr/bin/chromium); bash .ci/install installs it');
  process.exit(77);
}
if (typeof WebSocket === 'undefined') throw new Error('run with node --experimental-websocket (Node 20.10+)');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-browser-'));
const issue = path.join(tmp, '2024-05-07');
fs.cpSync(path.join(source, 'issues/2024-05-07'), issue, { recursive: true });
const children = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', () => {
  cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// The first line of a child's stdout that matches `re`.
function waitLine(child, stream, re, what) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error("no " + what + " in 120 s:\n" + text)), 120000);
    child[stream].on('data', (d) => {
      text += d;
      const m = text.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(what + ': exited with ' + code + '\n' + text)));
  });
}

const server = spawn(paiban, ['serve', issue, '--port', '0', '--root', source, '-o', path.join(tmp, 'out.pdf')]);
children.push(server);
server.stderr.pipe(process.stderr);
const url = (await waitLine(server, 'stdout', /open (http:\/\/\S+)/, 'address'))[1];
console.log('desk at', url);

const browser = spawn(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-dev-shm-usage', '--hide-scrollbars', '--remote-debugging-port=0', '--window-size=1600,1000',
  '--user-data-dir=' + path.join(tmp, 'profile'), 'about:blank']);
children.push(browser);
const port = (await waitLine(browser, 'stderr', /DevTools listening on ws:\/\/[^:]+:(\d+)\//, 'DevTools port'))[1];
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(targets.find((t) => t.type === 'page').webSocketDebuggerUrl);
await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
let nextId = 1;
const pending = new Map();
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
  }
};
const send = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  ws.send(JSON.stringify({ id, method, params }));
});
async function js(expr) {
  const r = await send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(expr + ': ' + JSON.stringify(r.exceptionDetails));
  return r.result.value;
}
async function waitFor(expr, what, ms = 120000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await js(expr)) return;
    await sleep(100);
  }
  throw new Error('timed out waiting for ' + what + ' (' + expr + ')');
}
const check = (ok, what) => {
  if (!ok) throw new Error('FAILED: ' + what);
  console.log('ok:', what);
};

await send('Page.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 1600, height: 1000, deviceScaleFactor: 1, mobile: false });
await send('Page.navigate', { url });
await waitFor(`document.querySelectorAll('.thumb img').length === 4 &&
  [...document.querySelectorAll('.thumb img')].every((i) => i.complete && i.naturalWidth > 0)`, 'four thumbnails');
check(await js(`document.querySelector('#page-img').naturalWidth > 1000`), 'the full page renders');
check(await js(`document.querySelector('#fit tbody').rows.length > 0`), 'the fit report has rows');

// An overlay appears and goes without a new image.
const src = await js(`document.querySelector('#page-img').src`);
check(await js(`document.querySelector('#overlay g[data-layer="grid"]').hasAttribute('hidden')`), 'grid overlay off at first');
await js(`document.querySelector('#ov-grid').click()`);
check(await js(`!document.querySelector('#overlay g[data-layer="grid"]').hasAttribute('hidden') &&
  document.querySelector('#overlay g[data-layer="grid"]').childElementCount > 8`), 'grid overlay on after a click');
check((await js(`document.querySelector('#page-img').src`)) === src, 'toggling needs no new image');

// A fit-report row selects its frame on the page and names the article's file and line.
await js(`document.querySelector('#fit tbody tr').click()`);
const key = await js(`document.querySelector('#fit tbody tr').dataset.key`);
check(await js(`document.querySelector('#overlay .hits rect.selected')?.dataset.key === ${JSON.stringify(key)}`),
  'the row highlights its frame');
check(/\.md:\d+/.test(await js(`document.querySelector('#frame-info').textContent`)), 'the frame shows its file:line');

// A save: the changed page is swapped in, the view keeps its scroll.
await js(`document.querySelector('#view').scrollTo(0, 300)`);
const generation = +(await js(`document.body.dataset.generation`));
const lead = path.join(issue, 'lead.md');
const text = fs.readFileSync(lead, 'utf8');
const saved = Date.now();
fs.writeFileSync(lead, text.replace('。', '，夜班编辑在浏览器里又改了一句。'));
await waitFor(`+document.body.dataset.generation > ${generation} && document.querySelector('#page-img').src !== ${JSON.stringify(src)}
  && document.querySelector('#page-img').complete`, 'the page to update after a save');
console.log('save → new page in the browser:', Date.now() - saved, 'ms');
check(await js(`document.querySelector('#view').scrollTop`) >= 250, 'the scroll position is kept');
check(await js(`document.querySelector('#banner').hidden`), 'no error banner');

// A broken save: the banner names file:line, the last good page stays, marked stale.
fs.writeFileSync(path.join(issue, 'issue.toml'), fs.readFileSync(path.join(issue, 'issue.toml'), 'utf8') + '\n[[page\n');
await waitFor(`!document.querySelector('#banner').hidden`, 'the error banner');
check(/issue\.toml:\d+/.test(await js(`document.querySelector('#banner-where').textContent`)), 'the banner names issue.toml:line');
check(await js(`document.body.classList.contains('stale') && document.querySelector('#page-img').naturalWidth > 0`),
  'the last good page stays, marked stale');
fs.writeFileSync(path.join(issue, 'issue.toml'), fs.readFileSync(path.join(source, 'issues/2024-05-07/issue.toml')));
await waitFor(`document.querySelector('#banner').hidden`, 'the banner to go after the fix');

const shot = path.join(tmp, 'desk.png');
await js(`document.querySelector('#ov-grid').click()`);
await js(`document.querySelector('#view').scrollTo(0, 0)`);
await js(`[...document.querySelectorAll('#fit tbody tr')].find((r) => r.dataset.key.startsWith('1/A/')).click()`);
await sleep(1500);
const png = await send('Page.captureScreenshot', { format: 'png' });
fs.writeFileSync(shot, Buffer.from(png.data, 'base64'));
if (shotArg > 0) fs.copyFileSync(shot, process.argv[shotArg + 1]);
check(fs.statSync(shot).size > 50000, 'a screenshot of the desk');
ws.close();
console.log('PASS');
process.exit(0);
