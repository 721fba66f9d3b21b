/*
 * The administrators' console. No framework: each section fetches its JSON from the hub's own API and renders it
 * with DOM calls (text is always set as text, never as HTML). State-changing requests send the CSRF token the hub
 * keeps in the cookie XSRF-TOKEN as the header X-XSRF-TOKEN, with the session cookie (credentials: same-origin).
 * An endpoint this hub does not offer (404) shows which one is missing instead of an error.
 */
'use strict';
(function () {
  const STRINGS = window.CONSOLE_STRINGS;
  const API = '../api/v1/';
  const ADMIN = API + 'admin/';
  const SECTIONS = ['overview', 'routes', 'sync-runs', 'quarantine', 'publication', 'filings', 'audit', 'map'];
  const CATEGORIES = ['PRIORITY_PROTECTION', 'KEY_CONTROL', 'GENERAL_CONTROL'];
  const CATEGORY_COLOURS = {
    PRIORITY_PROTECTION: [46, 139, 87],
    KEY_CONTROL: [214, 69, 40],
    GENERAL_CONTROL: [66, 133, 214]
  };
  const DIMENSIONS = ['SPATIAL_LAYOUT', 'EMISSION_CONTROL', 'RISK_PREVENTION', 'RESOURCE_EFFICIENCY'];
  const PAGE = 50;

  let lang = initialLanguage();
  let current = null;

  // ---------------------------------------------------------------- helpers

  function initialLanguage() {
    const saved = window.localStorage && localStorage.getItem('zoning-console-lang');
    if (saved && STRINGS[saved]) {
      return saved;
    }
    return (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function t(key, ...args) {
    let s = STRINGS[lang][key];
    if (s === undefined) {
      s = STRINGS.en[key] !== undefined ? STRINGS.en[key] : key;
    }
    args.forEach((a, i) => {
      s = s.split('{' + i + '}').join(String(a));
    });
    return s;
  }

  /** A translated value when the table has one (a status, a category), else the value itself. */
  function tv(prefix, value) {
    if (value === null || value === undefined) {
      return '';
    }
    const key = prefix + '.' + value;
    return STRINGS[lang][key] !== undefined ? STRINGS[lang][key] : String(value);
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) {
        continue;
      }
      if (k === 'text') {
        e.textContent = v;
      } else if (k.startsWith('on')) {
        e.addEventListener(k.slice(2), v);
      } else {
        e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) {
        continue;
      }
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  function $(id) {
    return document.getElementById(id);
  }

  function fill(container, ...children) {
    container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  }

  function when(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    if (isNaN(d.getTime())) {
      return String(iso);
    }
    return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  }

  function duration(ms) {
    if (ms === null || ms === undefined) {
      return '';
    }
    const s = Math.floor(ms / 1000);
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0) {
      return d + ' d ' + h + ' h';
    }
    if (h > 0) {
      return h + ' h ' + m + ' min';
    }
    return m + ' min ' + (s % 60) + ' s';
  }

  function number(v, digits) {
    if (v === null || v === undefined || v === '') {
      return '';
    }
    const n = Number(v);
    if (isNaN(n)) {
      return String(v);
    }
    return digits === undefined ? n.toLocaleString() : n.toFixed(digits);
  }

  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function call(path, options) {
    const opts = options || {};
    const method = opts.method || 'GET';
    const headers = {
      Accept: 'application/json, application/problem+json',
      'X-Requested-With': 'XMLHttpRequest'
    };
    if (method !== 'GET' && method !== 'HEAD') {
      const token = csrfToken();
      if (token) {
        headers['X-XSRF-TOKEN'] = token;
      }
    }
    let body;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res;
    try {
      res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    } catch (e) {
      return { status: 0, ok: false, body: null };
    }
    const text = await res.text();
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        parsed = text;
      }
    }
    if (res.status === 401) {
      $('signed-out').hidden = false;
    }
    return { status: res.status, ok: res.ok, body: parsed };
  }

  function problem(r) {
    const b = r.body;
    if (b && typeof b === 'object') {
      return b.detail || b.title || '';
    }
    return typeof b === 'string' ? b.slice(0, 200) : '';
  }

  /** What to show instead of a section's content when its request failed. */
  function failure(r, path) {
    if (r.status === 404) {
      return el('p', { class: 'unavailable', 'data-testid': 'unavailable', text: t('unavailable', path) });
    }
    return el('p', { class: 'error', role: 'alert', text: t('error', r.status, problem(r)) });
  }

  function notify(message, isError) {
    const n = $('notice');
    n.textContent = message;
    n.className = 'notice' + (isError ? ' error' : '');
    n.setAttribute('role', isError ? 'alert' : 'status');
    n.hidden = false;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && String(v).trim() !== '') {
        q.set(k, String(v).trim());
      }
    }
    const s = q.toString();
    return s ? '?' + s : '';
  }

  function table(id, columns, rows, rowAttrs) {
    return el('table', { id, class: 'data' },
      el('thead', null, el('tr', null, columns.map((c) => el('th', { scope: 'col', text: t(c.label) })))),
      el('tbody', null, rows.map((row) => el('tr', rowAttrs ? rowAttrs(row) : null,
        columns.map((c) => {
          const v = c.value(row);
          return el('td', { class: c.cls, 'data-col': c.key }, v instanceof Node ? v : (v === null || v === undefined ? '' : String(v)));
        })))));
  }

  function badge(text, kind) {
    return el('span', { class: 'badge ' + (kind || ''), text });
  }

  function statusKind(s) {
    if (['UP', 'Started', 'SUCCEEDED', 'FILED', 'REPLAYED'].includes(s)) {
      return 'ok';
    }
    if (['DOWN', 'FAILED', 'REJECTED', 'RETURNED', 'Stopped'].includes(s)) {
      return 'bad';
    }
    return 'warn';
  }

  // ---------------------------------------------------------------- language

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((e) => {
      e.textContent = t(e.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria]').forEach((e) => {
      e.setAttribute('aria-label', t(e.getAttribute('data-i18n-aria')));
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => {
      e.setAttribute('placeholder', t(e.getAttribute('data-i18n-placeholder')));
    });
    $('lang-select').value = lang;
    renderLegend();
  }

  // ---------------------------------------------------------------- overview

  function flattenHealth(name, node, out) {
    if (node.components) {
      for (const [child, sub] of Object.entries(node.components)) {
        flattenHealth(name ? name + ' / ' + child : child, sub, out);
      }
    } else if (name) {
      out.push({ name, status: node.status, details: node.details || {} });
    }
    return out;
  }

  async function loadOverview() {
    const [health, stats, outbox, lastSync] = await Promise.all([
      call('../actuator/health'),
      call(API + 'statistics'),
      call(ADMIN + 'outbox'),
      call(ADMIN + 'sync-runs?limit=1')
    ]);
    const body = health.body && typeof health.body === 'object' ? health.body : null;
    const status = body && body.status ? body.status : 'UNKNOWN';
    const statusEl = $('health-status');
    statusEl.textContent = tv('overview.status', status);
    statusEl.className = 'badge ' + statusKind(status);
    statusEl.setAttribute('data-status', status);
    const components = body ? flattenHealth('', body, []) : [];
    const sinces = components
      .filter((c) => c.details.since && (status === 'UP' || c.status !== 'UP'))
      .map((c) => c.details.since)
      .sort();
    // healthy since the latest change of any component; unhealthy since the first component that left UP
    const since = sinces.length === 0 ? null : (status === 'UP' ? sinces[sinces.length - 1] : sinces[0]);
    $('health-since').textContent = since ? t('overview.since', when(since)) : t('overview.since-unknown');
    fill($('health-components'), table('health-table', [
      { key: 'name', label: 'overview.component', value: (c) => c.name },
      { key: 'status', label: 'overview.status', value: (c) => badge(tv('overview.status', c.status), statusKind(c.status)) },
      { key: 'reason', label: 'overview.reason', value: (c) => c.details.reason || c.details.error || '' },
      { key: 'since', label: 'overview.since-col', value: (c) => when(c.details.since) }
    ], components, (c) => ({ 'data-component': c.name })));

    if (stats.ok) {
      const s = stats.body;
      fill($('statistics'),
        el('dl', { class: 'fields' },
          el('dt', { text: t('overview.edition') }), el('dd', { text: s.edition || '' }),
          el('dt', { text: t('overview.total-units') }), el('dd', { id: 'total-units', text: String(s.totalUnits) }),
          el('dt', { text: t('overview.total-area') }), el('dd', { text: number(s.totalAreaKm2, 1) })),
        table('category-table', [
          { key: 'category', label: 'overview.category', value: (g) => el('span', null, swatch(g.category), tv('category', g.category)) },
          { key: 'units', label: 'overview.units', value: (g) => g.units, cls: 'num' },
          { key: 'area', label: 'overview.area', value: (g) => number(g.areaKm2, 1), cls: 'num' },
          { key: 'share', label: 'overview.share', value: (g) => number(g.areaShare, 2), cls: 'num' }
        ], s.byCategory || [], (g) => ({ 'data-category': g.category })));
    } else {
      fill($('statistics'), failure(stats, '/api/v1/statistics'));
    }
    if (outbox.ok) {
      fill($('overview-outbox'), el('p', { class: 'big', id: 'overview-unsent', text: number(outbox.body.unsent) }),
        el('p', { class: 'hint', text: t('publication.oldest') + ': ' + number(outbox.body.oldestAgeSeconds, 1) }));
    } else {
      fill($('overview-outbox'), failure(outbox, '/api/v1/admin/outbox'));
    }
    if (lastSync.ok && lastSync.body.length > 0) {
      const run = lastSync.body[0];
      const counts = run.counts || {};
      fill($('overview-sync'),
        el('p', null, badge(run.outcome, statusKind(run.outcome)), ' ', when(run.startedAt), ' · ', run.trigger, ' · ', run.source || ''),
        el('p', { class: 'hint', text: ['created', 'updated', 'retired', 'unchanged', 'rejected']
          .map((k) => t('sync.' + k) + ' ' + (counts[k] === undefined ? 0 : counts[k])).join(' · ') }),
        run.error ? el('p', { class: 'reason', text: run.error }) : null);
    } else {
      fill($('overview-sync'), lastSync.ok ? el('p', { class: 'hint', text: t('none') }) : failure(lastSync, '/api/v1/admin/sync-runs'));
    }
  }

  function swatch(category) {
    const c = CATEGORY_COLOURS[category] || [128, 128, 128];
    return el('span', { class: 'swatch', style: 'background: rgb(' + c.join(',') + ')', 'aria-hidden': 'true' });
  }

  // ---------------------------------------------------------------- routes

  const ROUTE_ACTIONS = {
    start: (r) => r.status === 'Stopped',
    stop: (r) => r.status !== 'Stopped',
    suspend: (r) => r.status === 'Started',
    resume: (r) => r.status === 'Suspended'
  };

  function routeRow(r) {
    return el('tr', { 'data-testid': 'route-row', 'data-route-id': r.id, 'data-status': r.status },
      el('td', { 'data-col': 'id' }, el('code', { text: r.id })),
      el('td', { 'data-col': 'status' }, badge(tv('route-status', r.status), statusKind(r.status))),
      el('td', { 'data-col': 'uptime', text: duration(r.uptimeMillis) }),
      el('td', { class: 'num', text: number(r.exchangesTotal) }),
      el('td', { class: 'num', text: number(r.exchangesFailed) }),
      el('td', { class: 'num', text: number(r.exchangesInflight) }),
      el('td', { class: 'num', text: number(r.meanProcessingMillis) }),
      el('td', { class: 'num', text: number(r.maxProcessingMillis) }),
      el('td', { 'data-col': 'last-failure' }, r.lastFailure
        ? [when(r.lastFailure.at), el('br'), el('span', { class: 'reason', text: r.lastFailure.message || '' })]
        : t('none')),
      el('td', { 'data-col': 'sync-lock', text: r.holdsSyncLock ? t('yes') : t('no') }),
      el('td', { class: 'actions' }, Object.keys(ROUTE_ACTIONS).map((action) => el('button', {
        type: 'button',
        'data-action': action,
        disabled: !ROUTE_ACTIONS[action](r),
        text: t('routes.' + action),
        onclick: (e) => routeAction(r, action, e.currentTarget)
      }))));
  }

  async function routeAction(route, action, button) {
    if (action === 'stop' && !window.confirm(t('routes.confirm-stop', route.id))) {
      return;
    }
    button.disabled = true;
    const r = await call(ADMIN + 'routes/' + encodeURIComponent(route.id) + '/' + action, { method: 'POST' });
    if (r.ok && r.body && r.body.id) {
      const row = document.querySelector('tr[data-testid="route-row"][data-route-id="' + CSS.escape(route.id) + '"]');
      if (row) {
        row.replaceWith(routeRow(r.body));
      }
      notify(t('routes.done', route.id, tv('route-status', r.body.status)));
    } else {
      notify(t('error', r.status, problem(r)), true);
      await loadRoutes();
    }
  }

  async function loadRoutes() {
    const r = await call(ADMIN + 'routes');
    if (!r.ok) {
      fill($('routes-body'), failure(r, '/api/v1/admin/routes'));
      return;
    }
    const head = ['routes.id', 'routes.status', 'routes.uptime', 'routes.total', 'routes.failed', 'routes.inflight',
      'routes.mean', 'routes.max', 'routes.last-failure', 'routes.sync-lock', 'routes.actions'];
    fill($('routes-body'), el('table', { id: 'routes-table', class: 'data' },
      el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col', text: t(h) })))),
      el('tbody', null, r.body.map(routeRow))));
  }

  // ---------------------------------------------------------------- sync runs

  async function loadSyncRuns() {
    const r = await call(ADMIN + 'sync-runs?limit=' + PAGE);
    if (!r.ok) {
      fill($('sync-runs-body'), failure(r, '/api/v1/admin/sync-runs'));
      return;
    }
    const c = (run, k) => (run.counts ? run.counts[k] : '');
    fill($('sync-runs-body'), table('sync-runs-table', [
      { key: 'started', label: 'sync.started', value: (run) => when(run.startedAt) },
      { key: 'trigger', label: 'sync.trigger', value: (run) => run.trigger },
      { key: 'mode', label: 'sync.mode', value: (run) => run.mode || '' },
      { key: 'source', label: 'sync.source', value: (run) => run.source },
      { key: 'outcome', label: 'sync.outcome', value: (run) => badge(run.outcome, statusKind(run.outcome)) },
      { key: 'created', label: 'sync.created', value: (run) => c(run, 'created'), cls: 'num' },
      { key: 'updated', label: 'sync.updated', value: (run) => c(run, 'updated'), cls: 'num' },
      { key: 'retired', label: 'sync.retired', value: (run) => c(run, 'retired'), cls: 'num' },
      { key: 'unchanged', label: 'sync.unchanged', value: (run) => c(run, 'unchanged'), cls: 'num' },
      { key: 'rejected', label: 'sync.rejected', value: (run) => c(run, 'rejected'), cls: 'num' },
      { key: 'error', label: 'sync.error', value: (run) => rejects(run) }
    ], r.body, (run) => ({ 'data-testid': 'sync-run-row', 'data-run-id': run.id, 'data-outcome': run.outcome })));
  }

  function rejects(run) {
    const list = run.rejected || [];
    const parts = [];
    if (run.error) {
      parts.push(el('span', { class: 'reason', text: run.error }));
    }
    if (list.length > 0) {
      parts.push(el('details', null,
        el('summary', { text: t('sync.rejects', list.length) }),
        el('ul', { class: 'rejects' }, list.slice(0, 200).map((x) => el('li', { 'data-record': x.record },
          el('code', { text: x.record }), ' ', x.reason)))));
    }
    return el('div', null, parts);
  }

  async function triggerSync(mode) {
    const r = await call(ADMIN + 'sync-runs?mode=' + mode, { method: 'POST' });
    if (r.ok) {
      notify(t('sync.triggered', r.body.id));
      await loadSyncRuns();
    } else {
      notify(t('error', r.status, problem(r)), true);
    }
  }

  // ---------------------------------------------------------------- quarantine

  let quarantineItem = null;

  async function loadQuarantine(after) {
    const form = $('quarantine-filter');
    const params = Object.fromEntries(new FormData(form).entries());
    params.limit = PAGE;
    params.after = after;
    const r = await call(ADMIN + 'quarantine' + query(params));
    const body = $('quarantine-body');
    if (!r.ok) {
      fill(body, failure(r, '/api/v1/admin/quarantine'));
      return;
    }
    const rows = (r.body.items || []).map((q) => el('tr', { 'data-testid': 'quarantine-row', 'data-id': q.id, 'data-record': q.record, 'data-status': q.status },
      el('td', { text: when(q.receivedAt) }),
      el('td', null, el('code', { text: q.record })),
      el('td', { text: q.source || '' }),
      el('td', { class: 'reason', text: q.reason }),
      el('td', null, badge(tv('quarantine-status', q.status), statusKind(q.status))),
      el('td', { text: q.resolvedAt ? [when(q.resolvedAt), q.resolvedBy, q.resolution].filter(Boolean).join(' · ') : '' }),
      el('td', null, el('button', { type: 'button', 'data-action': 'inspect', text: t('quarantine.inspect'), onclick: () => inspect(q.id) }))));
    let tbody = after ? document.querySelector('#quarantine-table tbody') : null;
    if (!tbody) {
      const head = ['quarantine.received', 'quarantine.record', 'quarantine.source', 'quarantine.reason',
        'quarantine.status', 'quarantine.resolved', 'routes.actions'];
      tbody = el('tbody');
      fill(body, el('table', { id: 'quarantine-table', class: 'data' },
        el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col', text: t(h) })))), tbody));
    }
    tbody.append(...rows);
    const old = $('quarantine-more');
    if (old) {
      old.remove();
    }
    if (r.body.next) {
      body.append(el('button', { type: 'button', id: 'quarantine-more', text: t('more'), onclick: () => loadQuarantine(r.body.next) }));
    }
  }

  /** Opens a quarantined record; {@code keepMessage} keeps the outcome of the action that refreshed it. */
  async function inspect(id, keepMessage) {
    const r = await call(ADMIN + 'quarantine/' + encodeURIComponent(id));
    if (!r.ok) {
      notify(t('error', r.status, problem(r)), true);
      return;
    }
    quarantineItem = r.body;
    const q = r.body;
    $('quarantine-dialog-title').textContent = t('quarantine.item', q.record);
    const fields = [
      ['quarantine.record', q.record], ['quarantine.source', q.source], ['quarantine.run', q.runId],
      ['quarantine.reason', q.reason], ['quarantine.status', tv('quarantine-status', q.status)],
      ['quarantine.received', when(q.receivedAt)],
      ['quarantine.resolved', q.resolvedAt ? [when(q.resolvedAt), q.resolvedBy, q.resolution].filter(Boolean).join(' · ') : '']
    ];
    fill($('quarantine-fields'), fields.flatMap(([k, v]) => [el('dt', { text: t(k) }), el('dd', { text: v || '' })]));
    $('quarantine-fields').setAttribute('data-status', q.status);
    $('quarantine-payload').textContent = payloadText(q.payload);
    $('quarantine-actions').hidden = q.status !== 'OPEN';
    $('quarantine-discard-reason').value = '';
    if (!keepMessage) {
      $('quarantine-dialog-message').textContent = '';
      $('quarantine-dialog-message').removeAttribute('data-outcome');
    }
    const dialog = $('quarantine-dialog');
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function payloadText(payload) {
    if (payload === null || payload === undefined || payload === '') {
      return t('quarantine.no-payload');
    }
    if (typeof payload !== 'string') {
      return JSON.stringify(payload, null, 2);
    }
    try {
      return JSON.stringify(JSON.parse(payload), null, 2);
    } catch (e) {
      return payload;
    }
  }

  async function replay() {
    const q = quarantineItem;
    const message = $('quarantine-dialog-message');
    $('quarantine-replay').disabled = true;
    const r = await call(ADMIN + 'quarantine/' + encodeURIComponent(q.id) + '/replay', { method: 'POST' });
    $('quarantine-replay').disabled = false;
    if (!r.ok) {
      message.textContent = t('error', r.status, problem(r));
      return;
    }
    // 202 {run, replayed, item}: the run replaying the record; the item is REPLAYED only when the run SUCCEEDED
    let run = r.body && r.body.run;
    const runId = run && run.id;
    message.textContent = t('quarantine.replaying', runId || '');
    for (let i = 0; runId && i < 120 && run && run.outcome === 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await call(ADMIN + 'sync-runs/' + encodeURIComponent(runId));
      run = again.ok ? again.body : null;
    }
    if (run && run.outcome) {
      message.textContent = t('quarantine.replayed', run.outcome + (run.error ? ' · ' + run.error : ''));
      message.setAttribute('data-outcome', run.outcome);
    }
    await inspect(q.id, true);
    await loadQuarantine();
  }

  async function discard() {
    const q = quarantineItem;
    const reason = $('quarantine-discard-reason').value.trim();
    const message = $('quarantine-dialog-message');
    if (!reason) {
      message.textContent = t('quarantine.reason-required');
      $('quarantine-discard-reason').focus();
      return;
    }
    const r = await call(ADMIN + 'quarantine/' + encodeURIComponent(q.id) + query({ reason }), { method: 'DELETE' });
    if (!r.ok) {
      message.textContent = t('error', r.status, problem(r));
      return;
    }
    message.textContent = t('quarantine.discarded', q.record);
    await inspect(q.id, true);
    await loadQuarantine();
  }

  // ---------------------------------------------------------------- publication

  async function loadPublication() {
    const [outbox, subs] = await Promise.all([call(ADMIN + 'outbox'), call(ADMIN + 'subscribers')]);
    if (outbox.ok) {
      const o = outbox.body;
      fill($('outbox-body'), el('dl', { class: 'fields', id: 'outbox-fields' },
        el('dt', { text: t('publication.unsent') }), el('dd', { id: 'outbox-unsent', text: number(o.unsent) }),
        el('dt', { text: t('publication.oldest') }), el('dd', { text: number(o.oldestAgeSeconds, 1) }),
        el('dt', { text: t('publication.last-sent') }), el('dd', { id: 'outbox-last-sent', text: when(o.lastSentAt) }),
        el('dt', { text: t('publication.relay') }), el('dd', { text: o.relayOnThisInstance ? t('yes') : t('no') })));
    } else {
      fill($('outbox-body'), failure(outbox, '/api/v1/admin/outbox'));
    }
    if (!subs.ok) {
      fill($('subscribers-body'), failure(subs, '/api/v1/admin/subscribers'));
      return;
    }
    const details = await Promise.all(subs.body.map((s) => s.enabled
      ? call(ADMIN + 'subscribers/' + encodeURIComponent(s.id)).then((r) => (r.ok ? r.body : s))
      : Promise.resolve(s)));
    fill($('subscribers-body'), table('subscribers-table', [
      { key: 'id', label: 'publication.id', value: (s) => el('code', { text: s.id }) },
      { key: 'name', label: 'publication.name', value: (s) => s.name },
      { key: 'department', label: 'publication.department', value: (s) => s.department || '' },
      { key: 'topic', label: 'publication.topic', value: (s) => el('code', { text: s.topic }) },
      { key: 'enabled', label: 'publication.enabled', value: (s) => (s.enabled ? t('yes') : t('no')) },
      { key: 'lag', label: 'publication.lag', value: (s) => (s.lag ? (s.lag.total !== null && s.lag.total !== undefined ? number(s.lag.total) : (s.lag.reason || '')) : ''), cls: 'num' },
      { key: 'checked', label: 'publication.checked', value: (s) => (s.lag ? when(s.lag.checkedAt) : '') }
    ], details, (s) => ({ 'data-testid': 'subscriber-row', 'data-id': s.id })));
  }

  // ---------------------------------------------------------------- filings

  async function loadFilings() {
    const r = await call(ADMIN + 'filings?limit=' + PAGE);
    if (!r.ok) {
      fill($('filings-body'), failure(r, '/api/v1/admin/filings'));
      return;
    }
    fill($('filings-body'), table('filings-table', [
      { key: 'id', label: 'filings.id', value: (f) => el('code', { text: f.filingId || f.dynamicUpdateId }) },
      { key: 'edition', label: 'filings.edition', value: (f) => f.edition },
      { key: 'status', label: 'filings.status', value: (f) => badge(tv('filing-status', f.status), statusKind(f.status)) },
      { key: 'comment', label: 'filings.comment', value: (f) => f.comment || '' },
      { key: 'error', label: 'filings.error', value: (f) => f.error || '' },
      { key: 'updated', label: 'filings.updated', value: (f) => when(f.updatedAt) }
    ], r.body, (f) => ({ 'data-testid': 'filing-row' })));
  }

  // ---------------------------------------------------------------- audit

  async function loadAudit(after) {
    const params = Object.fromEntries(new FormData($('audit-filter')).entries());
    for (const k of ['from', 'to']) {
      params[k] = params[k] ? new Date(params[k]).toISOString() : '';
    }
    params.limit = PAGE;
    params.after = after;
    const r = await call(ADMIN + 'audit' + query(params));
    const body = $('audit-body');
    if (!r.ok) {
      fill(body, failure(r, '/api/v1/admin/audit'));
      return;
    }
    const rows = (r.body.items || []).map((a) => el('tr', { 'data-testid': 'audit-row' },
      el('td', { text: when(a.at) }), el('td', { text: a.actor }), el('td', null, el('code', { text: a.action })),
      el('td', { text: a.target || '' }), el('td', null, badge(a.outcome || '', statusKind(a.outcome))),
      el('td', { text: a.clientAddress || '' }),
      el('td', { class: 'reason', text: typeof a.detail === 'string' ? a.detail : (a.detail ? JSON.stringify(a.detail) : '') })));
    let tbody = after ? document.querySelector('#audit-table tbody') : null;
    if (!tbody) {
      const head = ['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.outcome', 'audit.client', 'audit.detail'];
      tbody = el('tbody');
      fill(body, el('table', { id: 'audit-table', class: 'data' },
        el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col', text: t(h) })))), tbody));
    }
    tbody.append(...rows);
    const old = $('audit-more');
    if (old) {
      old.remove();
    }
    if (r.body.next) {
      body.append(el('button', { type: 'button', id: 'audit-more', text: t('more'), onclick: () => loadAudit(r.body.next) }));
    }
  }

  // ---------------------------------------------------------------- map

  let map = null;
  let unitLayer = null;
  let selected = null;
  const unitIndex = new Map();

  function renderLegend() {
    fill($('map-legend'), CATEGORIES.map((c) => el('li', { 'data-category': c }, swatch(c), tv('category', c))));
  }

  function unitStyle(feature) {
    const rgb = CATEGORY_COLOURS[feature.get('category')] || [128, 128, 128];
    const isSelected = selected === feature.get('code');
    return new ol.style.Style({
      fill: new ol.style.Fill({ color: 'rgba(' + rgb.join(',') + ',' + (isSelected ? 0.75 : 0.45) + ')' }),
      stroke: new ol.style.Stroke({ color: isSelected ? '#111' : 'rgba(' + rgb.join(',') + ',1)', width: isSelected ? 2.5 : 0.8 })
    });
  }

  async function loadMap() {
    if (map) {
      map.updateSize();
      return;
    }
    if (!window.ol) {
      $('map-status').textContent = t('map.no-library');
      return;
    }
    const units = [];
    let after = null;
    do {
      const r = await call(API + 'units' + query({ limit: 1000, after }));
      if (!r.ok) {
        $('map-status').textContent = t('error', r.status, problem(r));
        return;
      }
      units.push(...r.body.units);
      after = r.body.next;
    } while (after);
    const format = new ol.format.GeoJSON();
    const features = [];
    for (const u of units) {
      unitIndex.set(u.code, u);
      if (!u.geometry) {
        continue;
      }
      const f = format.readFeature({ type: 'Feature', geometry: u.geometry, properties: { code: u.code, name: u.name, category: u.category } },
        { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
      f.setId(u.code);
      features.push(f);
    }
    fill($('unit-codes'), units.map((u) => el('option', { value: u.code, text: u.name })));
    unitLayer = new ol.layer.Vector({ source: new ol.source.Vector({ features }), style: unitStyle });
    const mapEl = $('map');
    map = new ol.Map({
      target: mapEl,
      layers: [unitLayer],
      view: new ol.View({ projection: 'EPSG:3857' }),
      controls: ol.control.defaults.defaults({ attribution: false })
    });
    if (features.length > 0) {
      map.getView().fit(unitLayer.getSource().getExtent(), { padding: [16, 16, 16, 16] });
    }
    map.on('singleclick', (e) => {
      const f = map.forEachFeatureAtPixel(e.pixel, (x) => x, { layerFilter: (l) => l === unitLayer });
      if (f) {
        showUnit(f.get('code'));
      }
    });
    map.on('pointermove', (e) => {
      mapEl.style.cursor = map.hasFeatureAtPixel(e.pixel) ? 'pointer' : '';
    });
    // the view extent in EPSG:3857, so that a test can turn a longitude and latitude into a pixel
    map.on('rendercomplete', () => {
      const size = map.getSize();
      mapEl.setAttribute('data-extent', map.getView().calculateExtent(size).join(','));
      mapEl.setAttribute('data-size', size.join(','));
      mapEl.setAttribute('data-ready', 'true');
    });
    $('map-status').textContent = t('map.units-loaded', features.length);
    $('map-status').setAttribute('data-units', String(features.length));
  }

  async function showUnit(code) {
    selected = code;
    if (unitLayer) {
      unitLayer.changed();
    }
    const detail = $('unit-detail');
    fill(detail, el('p', { text: t('loading') }));
    const [unit, history] = await Promise.all([
      call(API + 'units/' + encodeURIComponent(code)),
      call(API + 'units/' + encodeURIComponent(code) + '/history')
    ]);
    if (!unit.ok) {
      fill(detail, el('p', { class: 'error', text: t('error', unit.status, problem(unit)) }));
      return;
    }
    const u = unit.body;
    const rules = u.rules || {};
    fill(detail,
      el('h3', { id: 'unit-title' }, el('span', { id: 'unit-name', text: u.name }), ' ', el('code', { id: 'unit-code', 'data-testid': 'unit-code', text: u.code })),
      el('dl', { class: 'fields' },
        el('dt', { text: t('unit.category') }), el('dd', { 'data-testid': 'unit-category', 'data-category': u.category }, swatch(u.category), tv('category', u.category)),
        el('dt', { text: t('unit.division') }), el('dd', { text: u.divisionCode }),
        el('dt', { text: t('unit.basins') }), el('dd', { text: (u.basins || []).join(', ') }),
        el('dt', { text: t('unit.area') }), el('dd', { text: number(u.areaKm2, 3) }),
        el('dt', { text: t('unit.status') }), el('dd', { text: u.status }),
        el('dt', { text: t('unit.version') }), el('dd', { text: String(u.version) }),
        el('dt', { text: t('unit.edition') }), el('dd', { text: u.edition }),
        el('dt', { text: t('unit.valid-from') }), el('dd', { text: when(u.validFrom) })),
      el('h4', { text: t('unit.rules') }),
      el('div', { id: 'unit-rules', 'data-testid': 'unit-rules' }, DIMENSIONS.map((d) => {
        const list = rules[d] || [];
        return el('section', { class: 'dimension', 'data-dimension': d },
          el('h5', { text: tv('dimension', d) + ' (' + list.length + ')' }),
          list.length === 0
            ? el('p', { class: 'hint', text: t('unit.no-rules') })
            : el('ol', null, list.map((rule) => el('li', { 'data-rule-id': rule.id, 'data-level': rule.level },
              el('span', { class: 'level', text: tv('level', rule.level) + ' ' + rule.scopeCode }), ' ',
              el('span', { class: 'rule-text', text: rule.text })))));
      })),
      el('h4', { text: t('unit.history') }),
      history.ok
        ? table('unit-history', [
          { key: 'version', label: 'unit.version', value: (v) => v.version, cls: 'num' },
          { key: 'edition', label: 'unit.edition', value: (v) => v.edition },
          { key: 'status', label: 'unit.status', value: (v) => v.status },
          { key: 'from', label: 'unit.valid-from', value: (v) => when(v.validFrom) },
          { key: 'to', label: 'unit.valid-to', value: (v) => when(v.validTo) },
          { key: 'recorded', label: 'unit.recorded', value: (v) => when(v.recordedAt) }
        ], history.body.versions || [], (v) => ({ 'data-version': v.version }))
        : failure(history, '/api/v1/units/{code}/history'));
    detail.setAttribute('data-code', u.code);
  }

  function findUnit(q) {
    const s = q.trim();
    if (!s) {
      return;
    }
    let code = unitIndex.has(s) ? s : null;
    if (!code) {
      for (const u of unitIndex.values()) {
        if (u.name === s || u.name.includes(s)) {
          code = u.code;
          break;
        }
      }
    }
    if (!code) {
      $('map-status').textContent = t('map.not-found', s);
      return;
    }
    const f = unitLayer && unitLayer.getSource().getFeatureById(code);
    if (f) {
      map.getView().fit(f.getGeometry().getExtent(), { padding: [60, 60, 60, 60], maxZoom: 13, duration: 250 });
    }
    showUnit(code);
  }

  // ---------------------------------------------------------------- navigation

  const LOADERS = {
    overview: loadOverview,
    routes: loadRoutes,
    'sync-runs': loadSyncRuns,
    quarantine: () => loadQuarantine(),
    publication: loadPublication,
    filings: loadFilings,
    audit: () => loadAudit(),
    map: loadMap
  };

  async function show(name, focus) {
    if (!SECTIONS.includes(name)) {
      name = 'overview';
    }
    current = name;
    // a dialog belongs to the section that opened it
    const dialog = $('quarantine-dialog');
    if (dialog.open) {
      dialog.close();
    }
    for (const s of SECTIONS) {
      $('section-' + s).hidden = s !== name;
      const link = $('nav-' + s);
      if (s === name) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
    if (focus) {
      $(name + '-title').focus();
    }
    const section = $('section-' + name);
    section.setAttribute('aria-busy', 'true');
    try {
      await LOADERS[name]();
    } finally {
      section.setAttribute('aria-busy', 'false');
      section.setAttribute('data-loaded', String(Date.now()));
    }
  }

  function start() {
    applyLanguage();
    $('lang-select').addEventListener('change', (e) => {
      lang = e.target.value;
      try {
        localStorage.setItem('zoning-console-lang', lang);
      } catch (ignored) {
        // private mode: the choice lasts for this page only
      }
      applyLanguage();
      if (current === 'map') {
        const code = $('unit-detail').getAttribute('data-code');
        if (code) {
          showUnit(code);
        }
      } else {
        show(current);
      }
    });
    $('refresh').addEventListener('click', () => show(current));
    $('logout').addEventListener('click', async () => {
      await call('../logout', { method: 'POST' });
      window.location.href = '../login?logout';
    });
    $('sync-incremental').addEventListener('click', () => triggerSync('incremental'));
    $('sync-full').addEventListener('click', () => triggerSync('full'));
    $('quarantine-filter').addEventListener('submit', (e) => {
      e.preventDefault();
      loadQuarantine();
    });
    $('audit-filter').addEventListener('submit', (e) => {
      e.preventDefault();
      loadAudit();
    });
    $('unit-find').addEventListener('submit', (e) => {
      e.preventDefault();
      findUnit($('unit-find-input').value);
    });
    $('quarantine-replay').addEventListener('click', replay);
    $('quarantine-discard').addEventListener('click', discard);
    $('quarantine-close').addEventListener('click', () => $('quarantine-dialog').close());
    window.addEventListener('hashchange', () => show(location.hash.slice(1), true));
    show(location.hash.slice(1) || 'overview', false);
  }

  start();
})();
