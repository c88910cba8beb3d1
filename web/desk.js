// The proof desk in the browser: pages from /page/N.png, everything else from
// the state JSON (/state, then pushed on /events after each build). Overlays
// are SVG over the page image, so toggling one needs no new render.
'use strict';
const $ = (sel) => document.querySelector(sel);
const SVG = 'http://www.w3.org/2000/svg';
const desk = { state: null, page: 1, zoom: null, selected: null, digests: {}, fits: {} };

function el(tag, attrs = {}, text) {
  const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
const where = (file, line) => (file ? file + (line > 0 ? ':' + line : '') : '');
const frameKey = (f) => f.page + '/' + f.frame + '/' + f.article;
const fitOf = (f) => [f.lines_used, f.lines_available, f.overset_lines, f.underset_lines, f.widows, f.orphans, f.adjusted_lines].join();

// --- pages -----------------------------------------------------------------
function currentPage() {
  const pages = desk.state ? desk.state.pages : [];
  return pages.find((p) => p.number === desk.page) || pages[0];
}

// Swaps an image only once the new one has loaded, so nothing blinks.
function swap(img, src) {
  if (img.getAttribute('src') === src) return;
  const next = new Image();
  next.onload = () => {
    img.src = src;
    const box = img.closest('.thumb') || img.parentElement;
    box.classList.remove('fresh');
    void box.offsetWidth;
    box.classList.add('fresh');
  };
  next.src = src;
}

function renderThumbs() {
  const nav = $('#thumbs');
  const pages = desk.state.pages;
  // Keep the elements (and their loaded images); only add, remove and swap.
  while (nav.children.length > pages.length) nav.lastChild.remove();
  pages.forEach((p, i) => {
    let t = nav.children[i];
    if (!t) {
      t = el('div', { class: 'thumb' });
      t.append(el('img', { alt: '' }), el('div', { class: 'label' }), el('span', { class: 'badge', hidden: '' }));
      nav.append(t);
    }
    t.dataset.page = p.number;
    t.onclick = () => showPage(p.number);
    const img = t.querySelector('img');
    img.alt = 'page ' + p.number;
    if (!img.getAttribute('src')) img.src = p.image;
    else swap(img, p.image);
    t.querySelector('.label').textContent = '第' + p.number + '版';
    const over = desk.state.frames.filter((f) => f.page === p.number && f.overset_lines > 0).length;
    const badge = t.querySelector('.badge');
    badge.hidden = over === 0;
    badge.textContent = over + ' overset';
    t.classList.toggle('current', p.number === desk.page);
  });
}

function showPage(n) {
  desk.page = n;
  desk.selected = null;
  $('#frame-info').hidden = true;
  document.querySelectorAll('.thumb').forEach((t) => t.classList.toggle('current', +t.dataset.page === n));
  const p = currentPage();
  if (!p) return;
  const img = $('#page-img');
  img.src = p.image;
  img.alt = 'page ' + p.number;
  applyZoom();
  renderOverlay();
  renderFit();
  $('#view').scrollTo(0, 0);
}

// --- zoom: pixels per point, kept across builds and reloads -------------------
// At first the page is shown at the image's own resolution, where body text is
// readable; "Fit" shows the whole width.
function nativeZoom() {
  const p = currentPage(), img = $('#page-img');
  return p && img.naturalWidth ? img.naturalWidth / p.width : 100 / 72;
}
function fitZoom() {
  const p = currentPage();
  return p ? ($('#view').clientWidth - 32) / p.width : 1;
}
function applyZoom() {
  const p = currentPage();
  if (!p) return;
  const z = currentZoom();
  const sheet = $('#sheet');
  sheet.style.width = Math.round(p.width * z) + 'px';
  sheet.style.height = Math.round(p.height * z) + 'px';
  $('#zoom-level').textContent = Math.round((z / nativeZoom()) * 100) + '%';
}
function currentZoom() {
  return desk.zoom === 'fit' ? fitZoom() : desk.zoom || nativeZoom();
}
function setZoom(z) {
  desk.zoom = z;
  localStorage.setItem('paiban.zoom', z);
  applyZoom();
}

// --- overlays ------------------------------------------------------------------
function layer(svg, name) {
  const g = el('svg:g', { class: name, 'data-layer': name });
  const box = document.querySelector('#overlays input[data-layer="' + name + '"]');
  if (box && !box.checked) g.setAttribute('hidden', '');
  svg.append(g);
  return g;
}

function renderOverlay() {
  const svg = $('#overlay');
  const p = currentPage();
  svg.replaceChildren();
  if (!p || !desk.state.layout) return;
  svg.setAttribute('viewBox', '0 0 ' + p.width + ' ' + p.height);
  const L = desk.state.layout;
  const grid = layer(svg, 'grid');
  L.columns.forEach((x, i) => {
    if (i + 1 < L.columns.length) grid.append(el('svg:rect', { x: x + L.column_width, y: L.top, width: L.gutter, height: L.bottom - L.top }));
    for (const gx of [x, x + L.column_width])
      grid.append(el('svg:line', { x1: gx, y1: L.top, x2: gx, y2: L.bottom, 'stroke-width': 0.4 }));
  });
  const base = layer(svg, 'baselines');
  const left = L.columns[0], right = L.columns[L.columns.length - 1] + L.column_width;
  for (const y of L.baselines) base.append(el('svg:line', { x1: left, y1: y, x2: right, y2: y, 'stroke-width': 0.3 }));
  const frames = desk.state.frames.filter((f) => f.page === p.number);
  const fr = layer(svg, 'frames');
  for (const f of frames) {
    fr.append(el('svg:rect', { x: f.x, y: f.y, width: f.width, height: f.height, 'stroke-width': 1 }));
    fr.append(el('svg:text', { x: f.x + 3, y: f.y + 10, 'font-size': 8 },
      f.frame + ' ' + f.article + ' ' + f.columns + '栏 ' + f.lines_used + '/' + f.lines_available + '行'));
  }
  const adj = layer(svg, 'adjustments');
  for (const m of desk.state.marks.filter((m) => m.page === p.number && m.kind === 'adjusted'))
    adj.append(el('svg:rect', { x: m.x - 4, y: m.y + 2, width: 2.5, height: m.h - 4 }));
  const over = layer(svg, 'overset');
  for (const f of frames.filter((f) => f.overset_lines > 0)) {
    over.append(el('svg:rect', { x: f.x, y: f.y, width: f.width, height: f.height, 'stroke-width': 2 }));
    over.append(el('svg:text', { x: f.x + 3, y: f.y + f.height - 4, 'font-size': 9 }, '超版 ' + f.overset_lines + ' lines overset'));
  }
  // Click targets on top: every frame, whatever overlays are on.
  const hits = el('svg:g', { class: 'hits' });
  for (const f of frames) {
    const r = el('svg:rect', { x: f.x, y: f.y, width: f.width, height: f.height, 'data-key': frameKey(f) });
    r.addEventListener('click', () => select(frameKey(f), false));
    hits.append(r);
  }
  svg.append(hits);
  markSelected();
}

// --- the fit report and the notices -----------------------------------------------
function renderFit() {
  const p = currentPage();
  const body = $('#fit tbody');
  body.replaceChildren();
  $('#fit-page').textContent = p ? '— page ' + p.number : '';
  if (!p) return;
  for (const f of desk.state.frames.filter((f) => f.page === p.number)) {
    const tr = el('tr', { 'data-key': frameKey(f) });
    if (f.overset_lines > 0) tr.classList.add('overset');
    const lines = f.lines_available ? f.lines_used + '/' + f.lines_available : '—';
    const wid = f.widows || f.orphans ? f.widows + '/' + f.orphans : '';
    for (const v of [f.frame, f.article, f.columns || '', lines, f.overset_lines || '', wid]) tr.append(el('td', {}, String(v)));
    tr.append(el('td', { class: 'warn' }, f.warnings.join('; ')));
    tr.addEventListener('click', () => select(frameKey(f), true));
    body.append(tr);
  }
  markSelected();
}

function renderNotices() {
  const ul = $('#notices');
  ul.replaceChildren();
  const list = desk.state.notices || [];
  $('#notice-count').textContent = list.length ? '(' + list.length + ')' : '— none';
  for (const n of list) {
    const li = el('li', { class: n.level });
    if (n.file) li.append(el('span', { class: 'where' }, where(n.file, n.line)), ' ');
    li.append(n.article ? n.article + (n.paragraph ? ' ¶' + n.paragraph : '') + ': ' + n.message : n.message);
    li.addEventListener('click', () => {
      const f = desk.state.frames.find((f) => f.article === n.article && n.article);
      if (!f) return;
      if (f.page !== desk.page) showPage(f.page);
      select(frameKey(f), true);
    });
    ul.append(li);
  }
}

function select(key, scroll) {
  desk.selected = key;
  markSelected();
  const f = desk.state.frames.find((f) => frameKey(f) === key);
  const info = $('#frame-info');
  info.hidden = !f;
  if (!f) return;
  info.replaceChildren(el('strong', {}, 'Frame ' + f.frame + ' · ' + f.article), ' ',
    el('span', { class: 'where' }, where(f.file, f.line)),
    el('div', {}, f.columns + ' columns, ' + f.lines_used + ' of ' + f.lines_available + ' lines' +
      (f.overset_lines ? ', ' + f.overset_lines + ' overset' : '') + (f.underset_lines ? ', ' + f.underset_lines + ' short' : '') +
      (f.adjusted_lines ? ', ' + f.adjusted_lines + ' adjusted' : '')));
  if (f.overflow.length) info.append(el('div', { class: 'overflow' }, '超版：' + f.overflow.join('')));
  if (scroll) {
    const z = currentZoom();
    $('#view').scrollTo({ top: Math.max(0, f.y * z - 40), left: Math.max(0, f.x * z - 40), behavior: 'smooth' });
  }
}

function markSelected() {
  document.querySelectorAll('[data-key]').forEach((e) => e.classList.toggle('selected', e.dataset.key === desk.selected));
}

// --- builds --------------------------------------------------------------------
function status(text, cls) {
  const s = $('#status');
  s.textContent = text;
  s.className = cls || '';
}

function apply(state) {
  if (state.building && !(state.pages || []).length) return status('building…', 'building');
  document.body.dataset.generation = state.generation;
  const failed = !!state.error;
  $('#banner').hidden = !failed;
  document.body.classList.toggle('stale', failed);
  if (failed) {
    $('#banner-where').textContent = where(state.error.file, state.error.line);
    $('#banner-message').textContent = state.error.message;
    status('build failed', 'failed');
    if (!desk.state && state.pages) desk.state = state;
    if (!desk.state || !desk.state.pages) return;
    if (!$('#page-img').getAttribute('src')) { renderThumbs(); showPage(desk.page); }
    return;
  }
  const before = desk.fits;
  desk.state = state;
  desk.fits = Object.fromEntries(state.frames.map((f) => [frameKey(f), fitOf(f)]));
  $('#paper').textContent = state.issue.paper;
  $('#edition').textContent = state.issue.date + ' · 第' + state.issue.number + '期 · ' + state.pages.length + ' pages';
  renderThumbs();
  const p = currentPage();
  if (p) {
    desk.page = p.number;
    swap($('#page-img'), p.image);
    if (!$('#page-img').getAttribute('src')) $('#page-img').src = p.image;
  }
  applyZoom();
  renderOverlay();
  renderFit();
  renderNotices();
  // Frames whose fit changed since the last build flash, on the page and in the table.
  if (Object.keys(before).length)
    for (const [k, v] of Object.entries(desk.fits))
      if (before[k] !== v)
        document.querySelectorAll('[data-key="' + CSS.escape(k) + '"]').forEach((e) => {
          e.classList.remove('flash');
          void e.getBoundingClientRect();
          e.classList.add('flash');
        });
  const over = state.frames.reduce((n, f) => n + (f.overset_lines > 0), 0);
  status('build ' + state.generation + ' · ' + Math.round(state.build_ms) + ' ms + ' + Math.round(state.render_ms) +
    ' ms render' + (over ? ' · ' + over + ' overset' : ''), over ? 'failed' : '');
}

function listen() {
  const es = new EventSource('/events');
  es.addEventListener('build', (e) => apply(JSON.parse(e.data)));
  es.onerror = () => status('reconnecting…', 'building');  // EventSource retries by itself
}

async function press() {
  const button = $('#press');
  const box = $('#press-result');
  button.disabled = true;
  box.hidden = false;
  box.className = '';
  box.textContent = 'building the print PDF…';
  try {
    const res = await fetch('/press', { method: 'POST', headers: { 'X-Paiban': 'press' } });
    const r = await res.json();
    box.className = r.ok ? 'ok' : 'failed';
    box.replaceChildren(el('strong', {}, r.ok ? 'Sent to press' : 'Not sent: the PDF was not written'));
    if (r.ok) box.append(el('div', {}, r.output + ' — ' + r.pages + ' pages, ' + (r.bytes / 1048576).toFixed(1) + ' MB'));
    box.append(el('div', {}, (r.preflight || []).length ? 'Preflight:' : 'Preflight passed (PDF/X-1a).'));
    const ul = el('ul');
    for (const p of r.preflight || []) ul.append(el('li', {}, p));
    if (r.error) ul.append(el('li', {}, where(r.error.file, r.error.line) + ' ' + r.error.message));
    for (const n of (r.notices || []).filter((n) => n.level === 'error')) ul.append(el('li', {}, n.text));
    box.append(ul);
  } catch (err) {
    box.className = 'failed';
    box.textContent = 'The desk did not answer: ' + err;
  } finally {
    button.disabled = false;
  }
}

function start() {
  const saved = localStorage.getItem('paiban.zoom');
  desk.zoom = saved === 'fit' ? 'fit' : +saved || null;
  $('#page-img').addEventListener('load', applyZoom);
  document.querySelectorAll('#overlays input').forEach((box) => {
    const saved = localStorage.getItem('paiban.overlay.' + box.dataset.layer);
    if (saved !== null) box.checked = saved === '1';
    box.addEventListener('change', () => {
      localStorage.setItem('paiban.overlay.' + box.dataset.layer, box.checked ? '1' : '0');
      const g = document.querySelector('#overlay g[data-layer="' + box.dataset.layer + '"]');
      if (g) g.toggleAttribute('hidden', !box.checked);
    });
  });
  $('#zoom-in').onclick = () => setZoom(currentZoom() * 1.25);
  $('#zoom-out').onclick = () => setZoom(currentZoom() / 1.25);
  $('#zoom-fit').onclick = () => setZoom('fit');
  $('#press').onclick = press;
  window.addEventListener('resize', applyZoom);
  listen();
}
start();
