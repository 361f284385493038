import type { Operator } from '../../core/admin/operator.js';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../core/events-out/outbox-store.js';
import { csrfField, statusBadge, table, when } from './console-format.js';
import { html, type SafeHtml } from '../html.js';

const isStatus = (s: string | undefined): s is OutboxStatus => s !== undefined && (OUTBOX_STATUSES as readonly string[]).includes(s);
const WAITING: OutboxStatus[] = ['pending', 'failed', 'dead'];

export async function eventsPage(operator: Operator, csrf: string, q: { status?: string | undefined }): Promise<SafeHtml> {
  const statuses = isStatus(q.status) ? [q.status] : WAITING;
  const events = await operator.events.list({ statuses, limit: 200 });
  return html`
<form class="grid" method="get" action="/console/events" aria-label="Filter events">
<label>State<select name="status"><option value="">pending, failed and dead</option>${OUTBOX_STATUSES.map((s) => html`<option value="${s}"${q.status === s ? html` selected` : html``}>${s}</option>`)}</select></label>
<button type="submit">Show</button></form>
<h2>Outbound events</h2>
${table(
    'Outbound events',
    ['Created', 'Type', 'State', { text: 'Attempts', num: true }, 'Last error', 'Next attempt', 'Replay'],
    events.map(
      (e) => html`<tr><td>${when(e.createdAt)}</td><td>${e.type}</td><td>${statusBadge(e.status)}</td><td class="num">${e.attempts}</td><td>${e.lastError ?? '—'}</td><td>${when(e.nextAttemptAt)}</td>
<td>${e.status === 'failed' || e.status === 'dead' ? html`<form class="inline" method="post" action="/console/events/${encodeURIComponent(e.id)}/replay">${csrfField(csrf)}<button type="submit" class="secondary" aria-label="Replay event ${e.type} created ${when(e.createdAt)}">Replay</button></form>` : html`—`}</td></tr>`,
    ),
    'No outbound event in these states.',
  )}
<h2>Replay a time range</h2>
<form class="grid" method="post" action="/console/events/replay">${csrfField(csrf)}
<label>From (UTC)<input name="from" type="datetime-local" required></label>
<label>To (UTC)<input name="to" type="datetime-local" required></label>
<button type="submit">Replay failed and dead events created in this range</button></form>`;
}
