// The Roster web console: plain JS over the admin API of the port that served it (no framework, nothing fetched
// from elsewhere). Text from the registry is only ever set as textContent, never parsed as HTML.
'use strict';
(function () {
  const TOKEN_KEY = 'roster.adminToken';
  const REFRESH_MS = 3000;
  const LEVERS = [
    { key: 'client-off', field: 'clientOff', title: 'Client off', hint: 'IP or IP:port',
      add: 'Turn client-off on for', remove: 'Turn client-off off (client-on) for' },
    { key: 'blacklist-ip', field: 'blacklistIps', title: 'Blacklisted IPs', hint: 'IP',
      add: 'Blacklist the IP', remove: 'Remove from the blacklist the IP' },
    { key: 'blacklist-dataid', field: 'blacklistDataIds', title: 'Blacklisted dataIds', hint: 'glob, e.g. com.example.*',
      add: 'Blacklist the dataId pattern', remove: 'Remove from the blacklist the dataId pattern' },
    { key: 'gray-push', field: 'grayPushIps', title: 'Gray push', hint: 'IP pushed to while the push switch is off',
      add: 'Gray-push to', remove: 'Stop gray-pushing to' }
  ];
  // Distinct hues for the first leaders; more nodes than this get computed hues.
  const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac', '#17becf', '#bcbd22'];

  const $ = (id) => document.getElementById(id);
  let refreshTimer = null;
  let currentService = null;

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (token()) {
      headers.Authorization = 'Bearer ' + token();
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(path, { method, headers, cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 'cannot reach the admin port: ' + e.message);
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!res.ok) {
      throw new ApiError(res.status, data && data.error ? data.error : (text || res.statusText));
    }
    return data;
  }

  function describe(err) {
    return err.status ? 'HTTP ' + err.status + ': ' + err.message : err.message;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null) {
        node.setAttribute(k, String(v));
      }
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function show(id, text) {
    const node = $(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function fillBody(tableId, rows) {
    $(tableId).tBodies[0].replaceChildren(...rows);
  }

  function ago(ms) {
    return ms < 0 ? 'never' : (ms / 1000).toFixed(1) + ' s ago';
  }

  // ---- navigation ----
  function route() {
    const page = (location.hash || '#overview').substring(1);
    const known = ['overview', 'services', 'levers'].includes(page) ? page : 'overview';
    document.querySelectorAll('.page').forEach((p) => { p.hidden = p.id !== 'page-' + known; });
    document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + known));
    stopRefresh();
    if (known === 'overview') {
      loadOverview();
      startRefresh();
    } else if (known === 'levers') {
      renderTokenState();
      loadLevers();
    }
  }

  // The next poll is armed only when the last one has answered: with meta unreachable a call can take seconds, and
  // polls queued behind each other would hold the admin port's few threads (and an operator's stop-push with them).
  // Each start begins a new chain; a chain whose number is no longer current stops.
  let refreshChain = 0;

  function startRefresh() {
    stopRefresh();
    if ($('overview-auto').checked) {
      const chain = refreshChain;
      const tick = async () => {
        await loadOverview();
        if (chain === refreshChain) {
          refreshTimer = setTimeout(tick, REFRESH_MS);
        }
      };
      refreshTimer = setTimeout(tick, REFRESH_MS);
    }
  }

  function stopRefresh() {
    refreshChain++;
    if (refreshTimer) {
      clearTimeout(refreshTimer);
      refreshTimer = null;
    }
  }

  // ---- overview ----
  async function loadOverview() {
    try {
      const c = await api('GET', '/api/cluster');
      renderOverview(c);
      show('overview-error', '');
      $('overview-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      show('overview-error', 'The overview could not be loaded: ' + describe(e));
    }
  }

  function leaderColours(c) {
    const addresses = [...new Set(c.dataNodes.map((n) => n.address).concat(c.slots.map((s) => s.leader)))]
      .filter((a) => a).sort();
    const colours = {};
    addresses.forEach((a, i) => {
      colours[a] = i < PALETTE.length ? PALETTE[i] : 'hsl(' + ((i * 137) % 360) + ', 55%, 55%)';
    });
    return colours;
  }

  function renderOverview(c) {
    $('meta-leader').textContent = c.metaLeader || 'none';
    $('meta-peers').replaceChildren(...c.metaPeers.map((p) => el('li', { 'data-test': 'meta-peer', 'data-address': p },
      p, p === c.metaLeader ? el('span', { class: 'badge' }, 'leader') : '')));
    $('slot-epoch').textContent = c.slotTableEpoch;
    $('slot-count').textContent = c.slotCount;
    $('slot-replicas').textContent = c.replicas;
    $('totals').textContent = c.totals.publishers + ' publishers, ' + c.totals.subscribers + ' subscribers, '
      + c.totals.clients + ' clients';
    $('migrations').textContent = c.migrating.length === 0 ? 'none in progress'
      : c.migrating.length + ' slot(s) migrating: ' + c.migrating.join(', ');
    fillBody('data-nodes', c.dataNodes.map((n) => el('tr', { 'data-test': 'data-node', 'data-address': n.address },
      el('td', {}, n.address), el('td', {}, ago(n.millisSinceHeartbeat)), el('td', {}, n.slotsLed),
      el('td', {}, n.slotsFollowed), el('td', { class: 'muted small' }, n.processId))));
    fillBody('session-nodes', c.sessionNodes.map((n) => el('tr', { 'data-test': 'session-node', 'data-address': n.address },
      el('td', {}, n.address), el('td', {}, ago(n.millisSinceHeartbeat)), el('td', {}, n.clients),
      el('td', {}, n.publishers), el('td', {}, n.subscribers), el('td', { class: 'muted small' }, n.processId))));
    renderSlots(c);
  }

  function renderSlots(c) {
    const colours = leaderColours(c);
    const led = {};
    c.slots.forEach((s) => { led[s.leader] = (led[s.leader] || 0) + 1; });
    $('slot-legend').replaceChildren(...Object.keys(colours).map((a) => {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.backgroundColor = colours[a];
      return el('li', { 'data-test': 'legend-item', 'data-address': a }, swatch, a + ' (' + (led[a] || 0) + ')');
    }));
    $('slot-grid').replaceChildren(...c.slots.map((s) => {
      const cell = el('div', { class: 'slot state-' + s.state, 'data-test': 'slot', 'data-slot': s.id,
        'data-leader': s.leader, 'data-state': s.state,
        title: 'slot ' + s.id + ' · leader ' + (s.leader || 'none') + ' · followers ' + (s.followers.join(', ') || 'none')
          + ' · ' + s.state });
      if (s.leader) {
        cell.style.backgroundColor = colours[s.leader];
      }
      cell.addEventListener('click', () => {
        $('slot-detail').textContent = 'Slot ' + s.id + ': leader ' + (s.leader || 'none') + ' (leaderEpoch '
          + s.leaderEpoch + '), followers ' + (s.followers.join(', ') || 'none') + ', state ' + s.state;
      });
      return cell;
    }));
  }

  // ---- services ----
  async function searchServices() {
    const prefix = $('service-search').value.trim();
    try {
      const r = await api('GET', '/api/services?limit=1000&prefix=' + encodeURIComponent(prefix));
      show('services-error', '');
      show('services-missing', missingText(r));
      $('services-summary').textContent = r.total + ' service(s)' + (r.total > r.items.length
        ? ', showing the first ' + r.items.length + ': narrow the prefix' : '');
      fillBody('services', r.items.map((s) => {
        const open = el('button', { type: 'button', class: 'link', 'data-test': 'service-open',
          'data-data-info-id': s.dataInfoId }, s.dataInfoId);
        open.addEventListener('click', () => openService(s));
        return el('tr', { 'data-test': 'service-row', 'data-data-info-id': s.dataInfoId, 'data-data-id': s.dataId },
          el('td', {}, open), el('td', {}, s.dataId), el('td', {}, s.group), el('td', {}, s.publishers),
          el('td', {}, s.subscribers));
      }));
    } catch (e) {
      fillBody('services', []);
      $('services-summary').textContent = '';
      show('services-error', 'The search failed: ' + describe(e));
    }
  }

  function missingText(r) {
    return r && r.missingSessions && r.missingSessions.length
      ? 'Incomplete: these sessions did not answer: ' + r.missingSessions.join(', ') : '';
  }

  async function openService(s) {
    currentService = s;
    $('service-detail').hidden = false;
    $('service-title').textContent = s.dataInfoId;
    const q = '?limit=1000&dataId=' + encodeURIComponent(s.dataId) + (s.group ? '&group=' + encodeURIComponent(s.group) : '');
    try {
      const [pubs, subs] = await Promise.all([api('GET', '/api/publishers' + q), api('GET', '/api/subscribers' + q)]);
      show('service-error', '');
      const items = pubs.items.filter((p) => p.dataInfoId === s.dataInfoId);
      fillBody('publishers', items.filter((p) => !p.off).map((p) => publisherRow(p, 'publisher-row')));
      fillBody('publishers-off', items.filter((p) => p.off).map((p) => publisherRow(p, 'publisher-off-row')));
      fillBody('subscribers', subs.items.filter((x) => x.dataInfoId === s.dataInfoId).map((x) => el('tr', {
        'data-test': 'subscriber-row', 'data-client-address': x.clientAddress, 'data-register-id': x.registerId },
      el('td', {}, x.clientAddress), el('td', {}, x.app), el('td', {}, x.session), el('td', {}, x.connectedAt),
      el('td', {}, x.pushedVersion))));
      show('service-missing', missingText(pubs) || missingText(subs));
    } catch (e) {
      show('service-error', 'Could not load its publishers and subscribers: ' + describe(e));
    }
  }

  function publisherRow(p, test) {
    const off = el('button', { type: 'button', 'data-test': 'publisher-client-off', 'data-client-address': p.clientAddress },
      p.off ? 'client-on…' : 'client-off…');
    off.addEventListener('click', () => {
      location.hash = '#levers';
      $('lever-value-client-off').value = p.clientAddress;
      $('lever-value-client-off').focus();
    });
    return el('tr', { 'data-test': test, 'data-client-address': p.clientAddress, 'data-register-id': p.registerId },
      el('td', {}, p.clientAddress), el('td', {}, p.app), el('td', {}, p.session), el('td', {}, p.connectedAt),
      el('td', {}, p.version), el('td', { class: 'small' }, (p.dataItems || []).join(', ')), el('td', {}, off));
  }

  // ---- levers ----
  function renderTokenState() {
    $('token-state').textContent = token() ? 'a token is set for this tab' : 'no token: changes will be refused';
  }

  function buildLeverSections() {
    $('lever-sections').replaceChildren(...LEVERS.map((l) => {
      const input = el('input', { id: 'lever-value-' + l.key, 'data-test': 'lever-value-' + l.key, placeholder: l.hint,
        autocomplete: 'off' });
      const add = el('button', { id: 'lever-add-' + l.key, 'data-test': 'lever-add-' + l.key, type: 'submit' }, 'Add');
      const form = el('form', { id: 'lever-form-' + l.key, class: 'toolbar' }, input, add);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const value = input.value.trim();
        if (value) {
          changeLever(l, value, true).then((done) => { if (done) { input.value = ''; } });
        }
      });
      return el('div', { class: 'card lever', 'data-lever': l.key, 'data-test': 'lever-' + l.key },
        el('h3', {}, l.title + ' ', el('code', {}, l.key)),
        el('ul', { id: 'lever-list-' + l.key, 'data-test': 'lever-list-' + l.key, class: 'entries' }), form);
    }));
  }

  function renderLevers(v) {
    $('levers-version').textContent = v.version;
    $('push-enabled').textContent = v.pushEnabled ? 'on' : 'OFF';
    $('sessions-push-stopped').textContent = (v.sessionsPushStopped || []).join(', ') || 'none';
    LEVERS.forEach((l) => {
      const values = v[l.field] || [];
      $('lever-list-' + l.key).replaceChildren(...(values.length === 0 ? [el('li', { class: 'muted' }, 'none')]
        : values.map((value) => {
          const remove = el('button', { type: 'button', 'data-test': 'lever-remove', 'data-lever': l.key, 'data-value': value },
            'Remove');
          remove.addEventListener('click', () => changeLever(l, value, false));
          return el('li', { 'data-test': 'lever-entry', 'data-lever': l.key, 'data-value': value }, el('code', {}, value), ' ', remove);
        })));
    });
  }

  async function loadLevers() {
    try {
      renderLevers(await api('GET', '/api/levers'));
      show('levers-load-error', '');
    } catch (e) {
      show('levers-load-error', 'The levers could not be loaded: ' + describe(e));
    }
  }

  /** Asks for confirmation, then posts the change; true when the server took it. */
  async function changeLever(lever, value, on) {
    show('levers-error', '');
    show('levers-message', '');
    if (!await confirmed((on ? lever.add : lever.remove) + ' ' + value + '?')) {
      return false;
    }
    try {
      const v = await api('POST', '/api/levers', { lever: lever.key, value, on });
      renderLevers(v);
      show('levers-message', lever.key + ' ' + value + (on ? ' added' : ' removed') + ' (levers version ' + v.version + ')');
      return true;
    } catch (e) {
      show('levers-error', 'Refused: ' + describe(e));
      return false;
    }
  }

  function confirmed(text) {
    const dialog = $('confirm-dialog');
    $('confirm-text').textContent = text;
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
    });
  }

  // ---- wiring ----
  function init() {
    $('served-by').textContent = 'admin port ' + location.host;
    buildLeverSections();
    $('confirm-ok').addEventListener('click', () => $('confirm-dialog').close('ok'));
    $('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close('cancel'));
    $('overview-auto').addEventListener('change', () => {
      stopRefresh();
      startRefresh();
    });
    $('service-search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      searchServices();
    });
    $('service-refresh').addEventListener('click', () => currentService && openService(currentService));
    $('token-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const t = $('admin-token').value.trim();
      if (t) {
        sessionStorage.setItem(TOKEN_KEY, t);
      }
      $('admin-token').value = '';
      renderTokenState();
      loadLevers();
    });
    $('token-clear').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      renderTokenState();
    });
    $('levers-refresh').addEventListener('click', loadLevers);
    window.addEventListener('hashchange', route);
    route();
  }

  document.addEventListener('DOMContentLoaded', init);
}());
