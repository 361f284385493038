import type { LinkInfo, LinkRole, OverviewMeeting, OverviewParticipant, Refusal } from './control-plane-client.js';
import { escapeHtml } from './escape-html.js';
import { renderLayout, type PageTone } from './page-layout.js';

/** HTML views of the join flow: pure functions from data to a page, so each is testable without a server. */

export interface View {
  readonly status: number;
  readonly html: string;
}

export const DISPLAY_NAME_MAX = 128;
const LOBBY_REFRESH_SECONDS = 5;

export function roleLabel(role: LinkRole): string {
  return role === 'host' ? 'Host' : 'Attendee';
}

function roleBadge(role: LinkRole): string {
  return `<span class="badge ${role}" data-testid="role">${roleLabel(role)}</span>`;
}

function participantRole(p: OverviewParticipant): LinkRole {
  return p.role === 'host' || p.host === true ? 'host' : 'attendee';
}

/** The page behind a join or start link: what the meeting is, who you will be, and the Join button. */
export function renderJoinForm(info: LinkInfo, actionPath: string): View {
  const name = info.displayName ?? '';
  const body = `
<h1 data-testid="title">${escapeHtml(info.title)}</h1>
<p class="meta">You are joining as ${roleBadge(info.role)}${info.state === undefined ? '' : ` · meeting is <span data-testid="state">${escapeHtml(info.state)}</span>`}</p>
<form method="post" action="${escapeHtml(actionPath)}">
  <label for="displayName">Your name</label>
  <input type="text" id="displayName" name="displayName" maxlength="${DISPLAY_NAME_MAX}" value="${escapeHtml(name)}" autocomplete="name">
  <div class="actions"><button type="submit">Join</button></div>
</form>
<p class="note">${info.role === 'host' ? 'This is a start link: joining makes you the host of this meeting.' : 'This is a join link: you join as an attendee.'}</p>`;
  return { status: 200, html: renderLayout({ title: info.title, tone: 'neutral', bodyHtml: body }) };
}

/** Participant states in which a person is no longer in the meeting. */
const GONE_STATES = new Set(['left', 'end', 'ended']);

export function meetingPagePath(meetingId: string, participantId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}/as/${encodeURIComponent(participantId)}`;
}

/**
 * In the meeting: title, your role, the meeting state, who is there, Leave (and, for the host, End
 * meeting and Admit for people waiting in the lobby). Also the lobby view for a person waiting.
 */
export function renderMeetingPage(meeting: OverviewMeeting, participantId: string): View {
  const participants = meeting.participants ?? [];
  const me = participants.find((p) => p.id === participantId);
  if (me === undefined) {
    return renderMessage(404, 'error', 'Not in this meeting', 'This participant is not part of this meeting.');
  }
  const role = participantRole(me);
  const title = meeting.title ?? 'Webex meeting';
  const ownPath = meetingPagePath(meeting.id, participantId);
  const present = participants.filter((p) => !GONE_STATES.has(p.state ?? ''));
  const stillHere = !GONE_STATES.has(me.state ?? '') && meeting.state !== 'ended';
  const inLobby = stillHere && me.state === 'lobby';
  const canAdmit = stillHere && role === 'host' && !inLobby;
  const people = present
    .map((p) => {
      const you = p.id === participantId ? ' <em>(you)</em>' : '';
      const state = p.state === undefined || p.state === 'joined' ? '' : ` <small>${p.state === 'lobby' ? 'waiting in the lobby' : escapeHtml(p.state)}</small>`;
      const admit =
        canAdmit && p.state === 'lobby'
          ? ` <form method="post" action="/admit/${encodeURIComponent(p.id)}" style="display:inline"><input type="hidden" name="back" value="${escapeHtml(ownPath)}"><button type="submit" class="admit">Admit</button></form>`
          : '';
      return `<li data-testid="participant">${escapeHtml(p.displayName ?? 'Guest')}${you} <span class="badge ${participantRole(p)}">${roleLabel(participantRole(p))}</span>${state}${admit}</li>`;
    })
    .join('\n');
  const actions = stillHere
    ? `<div class="actions">
  <form method="post" action="/leave/${encodeURIComponent(participantId)}"><button type="submit" class="leave">Leave</button></form>
  ${role === 'host' && !inLobby ? `<form method="post" action="/end/${encodeURIComponent(meeting.id)}"><button type="submit" class="end">End meeting</button></form>` : ''}
</div>`
    : `<p class="note">You are no longer in this meeting.</p>`;
  const headline = inLobby ? 'Waiting in the lobby until the host lets you in' : stillHere ? 'You are in the meeting' : 'Meeting over';
  const body = `
<h1 data-testid="title">${escapeHtml(title)}</h1>
<p class="meta"><span data-testid="headline">${headline}</span> as ${roleBadge(role)}</p>
<dl>
  <dt>Meeting state</dt><dd data-testid="state">${escapeHtml(meeting.state ?? 'unknown')}</dd>
  <dt>Your name</dt><dd data-testid="display-name">${escapeHtml(me.displayName ?? 'Guest')}</dd>
</dl>
<h2 style="font-size:1rem;margin:0 0 .25rem">Who is here (${present.length})</h2>
<ul class="people">${people}</ul>
${actions}
<p class="note">${inLobby ? `This page checks again every ${LOBBY_REFRESH_SECONDS} seconds.` : `<a href="${escapeHtml(ownPath)}">Refresh</a> to see who joined or left.`}</p>`;
  const tone = inLobby ? 'wait' : stillHere ? 'ok' : 'neutral';
  // Only the lobby reloads itself: a person waiting has nothing to click, and nobody's click is cut short.
  return { status: 200, html: renderLayout({ title, tone, bodyHtml: body, ...(inLobby ? { refreshSeconds: LOBBY_REFRESH_SECONDS } : {}) }) };
}

/**
 * A refused join, as a person should see it. The license refusal is the one g2g exists to prevent,
 * so its page says plainly that the site's concurrent-meeting license is used up.
 */
export function renderRefusal(refusal: Refusal, meetingTitle: string | undefined): View {
  const about = meetingTitle === undefined ? '' : `<p class="meta" data-testid="title">${escapeHtml(meetingTitle)}</p>`;
  const detail = refusal.message === '' ? '' : `<p class="note" data-testid="detail">${escapeHtml(refusal.message)}</p>`;
  switch (refusal.code) {
    case 'license_exhausted':
      return page(403, 'error', 'Meeting cannot start: license limit reached', `${about}
<p class="note">Error code: <code data-testid="error-code">license_exhausted</code></p>
<p>The site's concurrent-meeting license is used up: as many meetings as it is licensed for are already in progress, so this one cannot start now. Nothing was changed. Try again when another meeting has ended.</p>${detail}`);
    case 'meeting_full':
      return page(403, 'error', 'This meeting is full', `${about}
<p class="note">Error code: <code data-testid="error-code">meeting_full</code></p>
<p>The meeting already has as many participants as its license allows, so you cannot join it.</p>${detail}`);
    case 'lobby': {
      const check =
        refusal.participantId !== undefined && refusal.meetingId !== undefined
          ? `<p><a href="${escapeHtml(meetingPagePath(refusal.meetingId, refusal.participantId))}">Check again</a></p>`
          : `<p class="note">Go back and press Join again once the host has started the meeting.</p>`;
      return page(200, 'wait', 'Waiting for the host', `${about}
<p class="note">Error code: <code data-testid="error-code">lobby</code></p>
<p>You are in the lobby: the meeting lets you in once the host has joined.</p>${detail}${check}`);
    }
    case 'blocked':
      return page(403, 'error', 'You cannot join this meeting', `${about}
<p class="note">Error code: <code data-testid="error-code">blocked</code></p>
<p>This meeting lets in only the people it invited. Ask the organizer for an invitation.</p>${detail}`);
    case 'link_expired':
      return page(410, 'error', 'This link has expired', `${about}
<p class="note">Error code: <code data-testid="error-code">link_expired</code></p>
<p>Join links are valid for a limited time. Ask for a new link.</p>${detail}`);
    case 'meeting_ended':
      return page(410, 'neutral', 'This meeting has ended', `${about}
<p class="note">Error code: <code data-testid="error-code">meeting_ended</code></p>
<p>The meeting is over. Ask for a new link if you need to meet again.</p>${detail}`);
    case 'not_found':
    case 'link_unknown':
    case 'meeting_not_found':
    case 'participant_not_found':
      return page(404, 'error', 'Unknown link', `<p class="note">Error code: <code data-testid="error-code">${escapeHtml(refusal.code)}</code></p>
<p>The emulator does not know this link or meeting. It may have been deleted, or the emulator was reset.</p>${detail}`);
    default:
      return page(refusal.status, 'error', 'Not possible', `${about}
<p class="note">Error code: <code data-testid="error-code">${escapeHtml(refusal.code)}</code></p>
<p>The emulator refused this request.</p>${detail}`);
  }
}

export function renderMessage(status: number, tone: PageTone, heading: string, text: string): View {
  return page(status, tone, heading, `<p>${escapeHtml(text)}</p>`);
}

function page(status: number, tone: PageTone, heading: string, bodyHtml: string): View {
  return {
    status,
    html: renderLayout({ title: heading, tone, bodyHtml: `<h1>${escapeHtml(heading)}</h1>\n${bodyHtml}` }),
  };
}
