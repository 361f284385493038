/**
 * The page at `GET /_emulator` for a person debugging: orgs and their guest sites with license use,
 * meetings with their states and participants, registered webhooks and recent webhook deliveries. It is one
 * self-contained document (inline CSS and script, no external assets: the emulator runs offline)
 * that polls `<its own path>/overview` every 2 s. Data is put into the DOM with textContent only,
 * so titles and names typed by API callers can never inject markup.
 */
export function renderDebugPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Webex emulator · debug</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>Webex emulator</strong> <span id="status" class="status">loading…</span></header>
<section>
  <h2>Orgs and guest-to-guest sites</h2>
  <table id="orgs"><thead><tr><th>Org</th><th>Name</th><th>Site</th><th>In progress / licensed</th></tr></thead><tbody></tbody></table>
</section>
<section>
  <h2>Meetings <small id="meeting-count"></small></h2>
  <table id="meetings"><thead><tr><th>Title</th><th>Type</th><th>State</th><th>Site</th><th>Participants</th><th>Id</th></tr></thead><tbody></tbody></table>
</section>
<section>
  <h2>Registered webhooks <small id="webhook-count"></small></h2>
  <table id="webhooks"><thead><tr><th>Name</th><th>Resource</th><th>Event</th><th>Target</th><th>Status</th><th>Id</th></tr></thead><tbody></tbody></table>
</section>
<section>
  <h2>Webhook deliveries <small id="delivery-count"></small></h2>
  <table id="deliveries"><thead><tr><th>Resource</th><th>Event</th><th>Target</th><th>Status</th><th>Attempts</th><th>Webhook</th></tr></thead><tbody></tbody></table>
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1d2330}
header{background:#0b1f33;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1rem;align-items:baseline}
.status{opacity:.75;font-size:.85rem}.status.down{color:#ffb4b4;opacity:1}
section{margin:1.25rem 1.5rem;background:#fff;border-radius:10px;box-shadow:0 1px 6px rgba(0,0,0,.06);padding:1rem 1.25rem;overflow-x:auto}
h2{font-size:1.05rem;margin:0 0 .75rem}h2 small{font-weight:400;color:#5a6478}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #eef1f5;vertical-align:top}
th{color:#5a6478;font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
td.id{font-family:ui-monospace,monospace;font-size:.75rem;color:#5a6478;word-break:break-all}
.state{display:inline-block;padding:0 .5rem;border-radius:999px;background:#e6ecf5;font-size:.8rem;font-weight:600}
.state.inProgress{background:#d3f5e1;color:#145c33}.state.lobby{background:#fdf0cf;color:#7a5400}
.state.ended,.state.expired,.state.missed{background:#eceef2;color:#5a6478}
.bar{display:inline-block;width:6rem;height:.55rem;background:#eceef2;border-radius:999px;margin-right:.5rem;vertical-align:middle;overflow:hidden}
.bar i{display:block;height:100%;background:#1f9d55}.bar i.full{background:#d64545}
ul.people{margin:0;padding:0;list-style:none}
.ok{color:#145c33}.fail{color:#b42318}
.empty td{color:#5a6478;font-style:italic}
td.long{overflow-wrap:anywhere}
/* Phones (390 px and up): no horizontal scrolling; each table row becomes a card labelled by its column names. */
@media (max-width:640px){
header{padding:.6rem .9rem;flex-wrap:wrap;gap:.25rem .75rem}
section{margin:.75rem .5rem;padding:.75rem;overflow-x:visible}
table,tbody,tr,td{display:block;width:100%}
thead{display:none}
tr{border-bottom:1px solid #e3e7ee;padding:.4rem 0}
td{border:0;padding:.15rem 0;display:grid;grid-template-columns:7.5rem minmax(0,1fr);gap:.5rem;overflow-wrap:anywhere}
td::before{content:attr(data-label);color:#5a6478;font-size:.75rem;font-weight:600;text-transform:uppercase}
.empty td{display:block}.empty td::before{content:none}
.bar{width:4rem}
}
`;

// Plain ES2017 in a template string: it runs in the browser, not in Node, and must not depend on a build.
const SCRIPT = `
(function () {
  'use strict';
  var MAX_MEETINGS = 300, MAX_DELIVERIES = 100, PERIOD_MS = 2000;
  var overviewUrl = location.pathname.replace(/\\/+$/, '') + '/overview';
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function row(cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) { tr.appendChild(c instanceof Node ? wrap(c) : el('td', c)); });
    return tr;
  }
  function wrap(node) { if (node.tagName === 'TD') return node; var td = document.createElement('td'); td.appendChild(node); return td; }
  function fill(tableId, rows, emptyText, columns) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    if (rows.length === 0) { var tr = row([emptyText]); tr.className = 'empty'; tr.firstChild.colSpan = columns; body.appendChild(tr); return; }
    // Column names on every cell: the narrow layout shows them beside the values.
    var labels = Array.prototype.map.call(document.querySelectorAll('#' + tableId + ' thead th'), function (th) { return th.textContent; });
    rows.forEach(function (r) {
      Array.prototype.forEach.call(r.children, function (td, i) { td.setAttribute('data-label', labels[i] || ''); if (!td.className) td.className = 'long'; });
      body.appendChild(r);
    });
  }
  var ORDER = { inProgress: 0, lobby: 1, ready: 2, active: 3, scheduled: 4 };
  function rank(m) { var r = ORDER[m.state]; return r === undefined ? 9 : r; }
  function render(data) {
    var orgs = data.orgs || [], meetings = (data.meetings || []).slice(), deliveries = data.deliveries || [];
    var orgRows = [];
    orgs.forEach(function (org) {
      var sites = org.sites && org.sites.length ? org.sites : [{}];
      sites.forEach(function (site) {
        var used = site.inProgress || 0, licensed = site.concurrentMeetings || 0;
        var cell = el('td');
        var bar = el('span', null, 'bar'), fillBar = el('i', null, licensed && used >= licensed ? 'full' : '');
        fillBar.style.width = (licensed ? Math.min(100, Math.round(used * 100 / licensed)) : 0) + '%';
        bar.appendChild(fillBar); cell.appendChild(bar); cell.appendChild(document.createTextNode(used + ' / ' + licensed));
        orgRows.push(row([el('td', org.orgId, 'id'), org.name || '', site.siteUrl || '', cell]));
      });
    });
    fill('orgs', orgRows, 'No orgs yet.', 4);
    meetings.sort(function (a, b) { return rank(a) - rank(b); });
    var shown = meetings.slice(0, MAX_MEETINGS);
    fill('meetings', shown.map(function (m) {
      var people = el('ul', null, 'people');
      (m.participants || []).forEach(function (p) {
        people.appendChild(el('li', (p.displayName || 'Guest') + ' · ' + (p.role || (p.host ? 'host' : 'attendee')) + ' · ' + (p.state || '')));
      });
      return row([m.title || '', m.meetingType || '', el('span', m.state || '', 'state ' + (m.state || '')), m.siteUrl || '', people, el('td', m.id, 'id')]);
    }), 'No meetings yet.', 6);
    document.getElementById('meeting-count').textContent = meetings.length > shown.length
      ? '(showing ' + shown.length + ' of ' + meetings.length + ', in progress first)' : '(' + meetings.length + ')';
    var webhooks = data.webhooks || [];
    fill('webhooks', webhooks.map(function (w) {
      return row([w.name || '', w.resource || '', w.event || '', w.targetUrl || '', el('span', w.status || '', w.status === 'active' ? 'ok' : 'fail'), el('td', w.id || '', 'id')]);
    }), 'No webhooks registered.', 6);
    document.getElementById('webhook-count').textContent = '(' + webhooks.length + ')';
    var recent = deliveries.slice(-MAX_DELIVERIES).reverse();
    fill('deliveries', recent.map(function (d) {
      var ok = d.status === 'delivered' || (typeof d.status === 'number' && d.status >= 200 && d.status < 300);
      var text = (d.status === undefined ? '' : String(d.status)) + (d.lastStatusCode ? ' (' + d.lastStatusCode + ')' : '');
      return row([d.resource || '', d.event || '', d.targetUrl || '', el('span', text, ok ? 'ok' : d.status === 'pending' ? '' : 'fail'), d.attempts === undefined ? '' : d.attempts, el('td', d.webhookId || '', 'id')]);
    }), 'No deliveries yet.', 6);
    document.getElementById('delivery-count').textContent = '(' + deliveries.length + (deliveries.length > recent.length ? ', newest ' + recent.length + ' shown' : '') + ')';
    var now = data.clock && data.clock.now !== undefined ? new Date(data.clock.now).toISOString() : '';
    var status = document.getElementById('status');
    status.className = 'status';
    status.textContent = 'emulator clock ' + now + ' · refreshed ' + new Date().toLocaleTimeString();
  }
  function tick() {
    fetch(overviewUrl, { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(render)
      .catch(function (e) { var s = document.getElementById('status'); s.className = 'status down'; s.textContent = 'overview unavailable: ' + e.message; })
      .then(function () { setTimeout(tick, PERIOD_MS); });
  }
  tick();
})();
`;
