#!/usr/bin/env bash
# browser-check.sh DIR [SHOTDIR]
#
# Opens every *.html under DIR in headless Chromium, as a person would open an
# offline report from disk, and fails (exit 1, naming the file) if the page
#   - logs a console error (console.error, console.assert) or a browser error
#     (e.g. "Failed to load resource", a blocked load, a CSP violation),
#   - throws an uncaught JavaScript exception (or an unhandled rejection),
#   - makes ANY request other than to the file itself and data:/blob:/about:
#     URLs (the reports must work offline: no CDN, no web fonts, no sibling
#     files), or any request fails or does not finish,
#   - shows broken text: a Go format artefact ("%!", "(MISSING)"), NaN,
#     Inf, <nil> or undefined in its text or a chart, or a table column
#     that is empty in every row.
# It saves a full-page PNG screenshot of each file under SHOTDIR (default
# DIR/screenshots), keeping DIR's folder layout, and prints its path.
#
# How: Chromium is driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe) by a small Node.js program with no npm packages,
# written out below. The protocol reports every request (Network domain, also
# for workers and out-of-process frames, through auto-attach), every console
# call with its level, every exception, and takes full-page screenshots.
# As a second guard nothing can leave the machine: all host names resolve to
# nothing and every connection goes to a dead proxy on loopback.
#
# Needs: Debian's chromium (or chromium-browser; CHROMIUM=/path overrides),
# node (Debian's nodejs is enough), and fonts-noto-cjk for Chinese text.
# Exit codes: 0 all pages clean, 1 a page failed (or no *.html found),
# 2 usage or setup error.
set -euo pipefail

usage() { echo "usage: $0 DIR [SHOTDIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
dir=$1
[ "$dir" = / ] || dir=${dir%/}
shotdir=${2:-$dir/screenshots}
[ -d "$dir" ] || { echo "browser-check: $dir is not a directory" >&2; exit 2; }

chrome=${CHROMIUM:-}
if [ -z "$chrome" ]; then
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null; then chrome=$(command -v "$c"); break; fi
  done
fi
if [ -z "$chrome" ]; then
  echo "browser-check: no chromium or chromium-browser on PATH (Debian: apt-get install chromium fonts-noto-cjk)" >&2
  exit 2
fi
if ! command -v node >/dev/null; then
  echo "browser-check: needs node (Debian: apt-get install nodejs)" >&2
  exit 2
fi

mapfile -d '' files < <(find "$dir" -type f -name '*.html' -print0 | sort -z)
if [ ${#files[@]} -eq 0 ]; then
  echo "browser-check: FAIL: no *.html under $dir" >&2
  exit 1
fi
mkdir -p "$shotdir"

work=$(mktemp -d "${TMPDIR:-/tmp}/browser-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/check.js" <<'EOF'
'use strict';
// Drives Chromium over the DevTools protocol on fds 3 (to the browser) and 4
// (from it), one NUL-terminated JSON message each. No npm packages.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');

const [chrome, work, root, shotDir, ...files] = process.argv.slice(2);
const W = 1240, H = 1754;            // A4 at 150 dpi
const MAX_H = 16384;                 // screenshots are cut at this height
const LOAD_MS = +(process.env.BROWSER_CHECK_TIMEOUT_MS || 60000);
const SETTLE_MS = 750;               // quiet time after load: late timers, rAF
const CMD_MS = 60000;

const args = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--remote-debugging-pipe', `--user-data-dir=${work}/profile`,
  `--window-size=${W},${H}`, '--hide-scrollbars', '--force-device-scale-factor=1',
  '--no-first-run', '--no-default-browser-check', '--disable-extensions',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-breakpad', '--mute-audio', '--metrics-recording-only',
  '--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions',
  // Offline guard: no name resolves, every connection (loopback too) goes to a dead proxy.
  '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
  'about:blank',
];
const proc = spawn(chrome, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
const logPath = path.join(work, 'chromium.log');
const log = fs.createWriteStream(logPath);
proc.stderr.pipe(log);
const toBrowser = proc.stdio[3], fromBrowser = proc.stdio[4];

let exited = null;
let nextId = 1;
const pending = new Map();
let onEvent = () => {};

function fatal(msg) {
  let tail = '';
  try { tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n'); } catch (e) { /* none */ }
  console.error(`browser-check: ${msg}\n--- last lines of chromium's log:\n${tail}`);
  try { proc.kill('SIGKILL'); } catch (e) { /* gone */ }
  process.exit(2);
}
proc.on('error', (e) => fatal(`cannot start ${chrome}: ${e.message}`));
proc.on('exit', (code, sig) => {
  exited = `chromium exited (code ${code}, signal ${sig})`;
  for (const p of pending.values()) p.reject(new Error(exited));
  pending.clear();
});
toBrowser.on('error', () => {});

let chunks = [];
fromBrowser.on('data', (chunk) => {
  let start = 0, i;
  while ((i = chunk.indexOf(0, start)) !== -1) {
    chunks.push(chunk.subarray(start, i));
    const text = Buffer.concat(chunks).toString('utf8');
    chunks = [];
    start = i + 1;
    let msg;
    try { msg = JSON.parse(text); } catch (e) { continue; }
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else {
      try { onEvent(msg.method, msg.params || {}, msg.sessionId); } catch (e) { console.error(e); }
    }
  }
  if (start < chunk.length) chunks.push(chunk.subarray(start));
});

function send(method, params = {}, sessionId, ms = CMD_MS) {
  if (exited) return Promise.reject(new Error(exited));
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`${method}: no answer in ${ms / 1000}s`));
    }, ms);
    pending.set(id, { resolve, reject, method, timer });
    toBrowser.write(JSON.stringify(msg) + '\0');
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Attach to a target: report its requests, console and exceptions, and attach
// to what it starts (workers, out-of-process frames) before they run.
async function instrument(sid, type) {
  const steps = [];
  if (type === 'page' || type === 'iframe') steps.push(send('Page.enable', {}, sid));
  steps.push(send('Runtime.enable', {}, sid), send('Network.enable', {}, sid), send('Log.enable', {}, sid),
    send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sid));
  await Promise.allSettled(steps);
  if (type !== 'page') await send('Runtime.runIfWaitingForDebugger', {}, sid).catch(() => {});
}

function remoteText(o) {
  if (!o) return '';
  if (o.type === 'string') return o.value;
  if (o.value !== undefined) return JSON.stringify(o.value);
  return o.unserializableValue || o.description || o.type;
}
function where(st, url, line) {
  const f = st && st.callFrames && st.callFrames[0];
  if (f) return ` (${f.url || 'inline'}:${f.lineNumber + 1})`;
  if (url) return ` (${url}${line !== undefined ? ':' + (line + 1) : ''})`;
  return '';
}

// CONTENT_CHECK runs in the page and lists what a reader would see as
// broken: "%!" or "(MISSING)" (a Go format string bug), NaN, Inf, <nil>,
// undefined, in the text or a chart's text; a table column empty in every
// row of its body.
const CONTENT_CHECK = `(() => {
  const out = [];
  const re = /%!|\\(MISSING\\)|\\bNaN\\b|\\bInf\\b|<nil>|\\bundefined\\b/;
  const lines = (document.body ? document.body.innerText : '').split('\\n');
  for (const svg of document.querySelectorAll('svg')) lines.push(svg.textContent);
  for (const line of lines) {
    const m = line.match(re);
    if (m) out.push('broken text ' + JSON.stringify(m[0]) + ' in: ' + line.trim().slice(0, 120));
  }
  for (const table of document.querySelectorAll('table')) {
    const rows = [...table.querySelectorAll('tbody tr')];
    if (!rows.length) continue;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const caption = table.caption ? table.caption.textContent.trim() : '';
    heads.forEach((h, j) => {
      if (rows.every((r) => !(r.cells[j] && r.cells[j].textContent.trim())))
        out.push('column "' + h + '" of table "' + caption + '" is empty in all ' + rows.length + ' rows');
    });
  }
  return out;
})()`;

async function check(file) {
  const abs = path.resolve(file);
  const isSelf = (u) => {
    try { return u.startsWith('file:') && fileURLToPath(u.split('#')[0]) === abs; } catch (e) { return false; }
  };
  const allowed = (u) => isSelf(u) || /^(data|blob|about):/i.test(u);
  const problems = [], notes = [];
  const sessions = new Set();
  const inflight = new Map();
  let mainSid = null, loaded = false, last = Date.now();
  const problem = (s) => { if (!problems.includes(s)) problems.push(s); };

  onEvent = (method, p, sid) => {
    if (method === 'Target.attachedToTarget' && sessions.has(sid)) {
      sessions.add(p.sessionId);
      instrument(p.sessionId, p.targetInfo.type);
      return;
    }
    if (!sessions.has(sid)) return;
    switch (method) {
      case 'Network.requestWillBeSent': {
        const u = p.request.url;
        inflight.set(p.requestId, u);
        last = Date.now();
        if (!allowed(u)) problem(`network request (the report must work offline): ${u}`);
        break;
      }
      case 'Network.responseReceived':
        if (p.response.status >= 400) problem(`request answered ${p.response.status}: ${p.response.url}`);
        break;
      case 'Network.loadingFinished':
        inflight.delete(p.requestId); last = Date.now();
        break;
      case 'Network.loadingFailed': {
        const u = inflight.get(p.requestId) || `request ${p.requestId}`;
        inflight.delete(p.requestId); last = Date.now();
        if (p.canceled && allowed(u)) break;
        problem(`request failed: ${u} (${p.errorText}${p.blockedReason ? ', blocked: ' + p.blockedReason : ''})`);
        break;
      }
      case 'Runtime.consoleAPICalled':
        if (p.type === 'error' || p.type === 'assert')
          problem(`console.${p.type}: ${p.args.map(remoteText).join(' ')}${where(p.stackTrace)}`);
        break;
      case 'Runtime.exceptionThrown': {
        const d = p.exceptionDetails;
        const text = ((d.exception && d.exception.description) || d.text).split('\n')[0];
        problem(`uncaught exception: ${d.text !== text ? d.text + ' ' : ''}${text}${where(d.stackTrace, d.url, d.lineNumber)}`);
        break;
      }
      case 'Log.entryAdded':
        if (p.entry.level === 'error')
          problem(`browser error (${p.entry.source}): ${p.entry.text}${p.entry.url ? ' ' + p.entry.url : ''}`);
        break;
      case 'Page.loadEventFired':
        if (sid === mainSid) loaded = true;
        break;
      case 'Page.javascriptDialogOpening':
        notes.push(`dialog (${p.type}) dismissed: ${p.message}`);
        send('Page.handleJavaScriptDialog', { accept: p.type !== 'beforeunload' }, sid).catch(() => {});
        break;
      case 'Inspector.targetCrashed':
        problem('the page crashed');
        break;
    }
  };

  const { browserContextId } = await send('Target.createBrowserContext');
  let targetId;
  try {
    ({ targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId, width: W, height: H }));
    ({ sessionId: mainSid } = await send('Target.attachToTarget', { targetId, flatten: true }));
    sessions.add(mainSid);
    await instrument(mainSid, 'page');
    await send('Emulation.setDeviceMetricsOverride', { width: W, height: H, deviceScaleFactor: 1, mobile: false }, mainSid);

    const nav = await send('Page.navigate', { url: pathToFileURL(abs).href }, mainSid);
    if (nav.errorText) problem(`cannot open the page: ${nav.errorText}`);

    const deadline = Date.now() + LOAD_MS;
    while (!loaded && !nav.errorText && Date.now() < deadline) await sleep(50);
    if (!loaded && !nav.errorText) problem(`the page did not finish loading in ${LOAD_MS / 1000}s`);
    if (loaded) {
      await send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true },
        mainSid, Math.max(1000, deadline - Date.now())).catch((e) => notes.push(`fonts: ${e.message}`));
    }
    while (Date.now() < deadline && (inflight.size > 0 || Date.now() - last < SETTLE_MS)) await sleep(50);
    if (inflight.size > 0) problem(`requests still open after ${LOAD_MS / 1000}s: ${[...inflight.values()].join(', ')}`);

    // What the page says: no Go format artefact or missing value in its
    // text or its charts, no table column empty in every row.
    if (loaded) {
      const r = await send('Runtime.evaluate', { expression: CONTENT_CHECK, returnByValue: true }, mainSid).catch((e) => ({ error: e }));
      if (r.error || r.exceptionDetails) problem(`content check could not run: ${r.error ? r.error.message : r.exceptionDetails.text}`);
      else for (const s of r.result.value.slice(0, 20)) problem(s);
    }

    const rel = path.relative(path.resolve(root), abs).replace(/\.html$/i, '.png');
    const out = path.join(shotDir, rel.startsWith('..') ? path.basename(rel) : rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const m = await send('Page.getLayoutMetrics', {}, mainSid);
    const size = m.cssContentSize || m.contentSize;
    const width = Math.max(W, Math.ceil(size.width));
    let height = Math.max(1, Math.ceil(size.height));
    if (height > MAX_H) { notes.push(`page is ${height}px high: screenshot cut at ${MAX_H}px`); height = MAX_H; }
    const shot = await send('Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } }, mainSid);
    fs.writeFileSync(out, Buffer.from(shot.data, 'base64'));
    return { problems, notes, shot: out };
  } finally {
    onEvent = () => {};
    if (targetId) await send('Target.closeTarget', { targetId }).catch(() => {});
    await send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
  }
}

(async () => {
  // The browser is ready once it answers.
  await send('Browser.getVersion', {}, undefined, 60000).catch((e) => fatal(`chromium did not start: ${e.message}`));
  const failed = [];
  for (const file of files) {
    let r;
    try {
      r = await check(file);
    } catch (e) {
      if (exited) fatal(`${exited} while checking ${file}`);
      r = { problems: [`check could not finish: ${e.message}`], notes: [], shot: null };
    }
    if (r.problems.length) failed.push(file);
    console.log(`browser-check: ${r.problems.length ? 'FAIL' : 'ok  '} ${file}`);
    for (const s of r.problems) console.log(`    - ${s}`);
    for (const s of r.notes) console.log(`    (note) ${s}`);
    if (r.shot) console.log(`    screenshot: ${r.shot}`);
  }
  await send('Browser.close', {}, undefined, 10000).catch(() => {});
  setTimeout(() => { try { proc.kill('SIGKILL'); } catch (e) { /* gone */ } }, 5000).unref();
  console.log(`browser-check: ${files.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) {
    console.log('browser-check: FAILED (console error, JavaScript exception, a network request or broken text) in:');
    for (const f of failed) console.log(`  ${f}`);
  }
  process.exitCode = failed.length ? 1 : 0;
})().catch((e) => fatal(e.stack || String(e)));
EOF

echo "browser-check: $chrome ($("$chrome" --version 2>/dev/null | head -1)), ${#files[@]} file(s), screenshots in $shotdir"
node "$work/check.js" "$chrome" "$work" "$dir" "$shotdir" "${files[@]}"
