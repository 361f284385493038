import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/emulator/pages/escape-html.js';
import { startJoinPages, type JoinPages } from '../../../src/emulator/pages/join-pages.js';
import { startFakeControlPlane, type FakeControlPlane } from './fake-control-plane.js';

let control: FakeControlPlane;
let pages: JoinPages;

beforeAll(async () => {
  control = await startFakeControlPlane();
  pages = await startJoinPages({ controlUrl: control.controlUrl, host: '127.0.0.1', port: 0, tls: false });
});
afterAll(async () => {
  await pages.close();
  await control.close();
});
afterEach(() => control.reset());

async function get(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${pages.url}${path}`, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

async function post(path: string, form: Record<string, string> = {}): Promise<{ status: number; html: string; location: string | null }> {
  const response = await fetch(`${pages.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

const textOf = (html: string): string => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('join pages against a control plane over HTTP', () => {
  it('shows the meeting title, the Host role and a Join button for a start link, with the title escaped', async () => {
    control.links.set('start-tok', { seriesId: 's1', title: 'Checkup <script>alert(1)</script> & "more"', role: 'host', displayName: 'Dr. Ada' });
    const page = await get('/join/start-tok?siteurl=x');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.html).not.toContain('<script>alert(1)</script>');
    expect(page.html).toContain('Checkup &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(page.html).toMatch(/<button type="submit">Join<\/button>/);
    expect(textOf(page.html)).toContain('You are joining as Host');
    expect(page.html).toContain('value="Dr. Ada"');
    // The page asked the control plane about exactly its own full link, query included.
    expect(control.requests[0]?.url).toBe(`/_emulator/links/inspect?url=${encodeURIComponent(`${pages.url}/join/start-tok?siteurl=x`)}`);
  });

  it('shows Attendee for a join link, also with a long token', async () => {
    const token = `${'j'.repeat(300)}_-`;
    control.links.set(token, { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat' });
    const page = await get(`/join/${token}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('You are joining as Attendee');
  });

  it('answers 404 with a clear page for an unknown link and 410 for an expired one', async () => {
    const unknown = await get('/join/nope');
    expect(unknown.status).toBe(404);
    expect(textOf(unknown.html)).toContain('Unknown link');
    control.links.set('old', { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat', expired: true });
    const expired = await get('/join/old');
    expect(expired.status).toBe(410);
    expect(textOf(expired.html)).toContain('This link has expired');
    expect(expired.html).not.toContain('>Join</button>');
  });

  it('joins through POST /links/open with the own link and the typed name, then shows the meeting with Leave and End meeting', async () => {
    control.links.set('start-tok', { seriesId: 's1', title: 'Checkup', role: 'host', displayName: 'Dr. Ada' });
    const joined = await post('/join/start-tok', { displayName: '  Ada L. ' });
    expect(joined.status).toBe(303);
    const open = control.requests.find((r) => r.url === '/_emulator/links/open');
    expect(open?.body).toEqual({ url: `${pages.url}/join/start-tok`, displayName: 'Ada L.' });
    expect(joined.location).toBe('/meetings/s1_I_1/as/participant-1');

    const inMeeting = await get(joined.location ?? '');
    expect(inMeeting.status).toBe(200);
    const text = textOf(inMeeting.html);
    expect(text).toContain('Checkup');
    expect(text).toContain('You are in the meeting as Host');
    expect(text).toContain('inProgress');
    expect(inMeeting.html).toMatch(/action="\/leave\/participant-1"><button type="submit" class="leave">Leave<\/button>/);
    expect(inMeeting.html).toMatch(/action="\/end\/s1_I_1"><button type="submit" class="end">End meeting<\/button>/);
  });

  it('lists who else is there and offers no End meeting button to an attendee', async () => {
    control.links.set('start-tok', { seriesId: 's1', title: 'Checkup', role: 'host', displayName: 'Dr. Ada' });
    control.links.set('join-tok', { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat' });
    await post('/join/start-tok');
    const joined = await post('/join/join-tok');
    const page = await get(joined.location ?? '');
    const text = textOf(page.html);
    expect(text).toContain('Who is here (2)');
    expect(text).toContain('Dr. Ada Host');
    expect(text).toContain('Pat (you) Attendee');
    expect(page.html).not.toContain('End meeting');
    expect(control.requests.find((r) => r.url === '/_emulator/links/open')?.body).toEqual({ url: `${pages.url}/join/start-tok` });
  });

  it('shows the license error page with 403 when the site has no meeting license left', async () => {
    control.links.set('join-tok', {
      seriesId: 's2',
      title: 'Second visit',
      role: 'attendee',
      displayName: 'Pat',
      refuse: { status: 403, code: 'license_exhausted', message: 'Site fake.webex.com has 1 of 1 meetings in progress' },
    });
    const refused = await post('/join/join-tok');
    expect(refused.status).toBe(403);
    const text = textOf(refused.html);
    expect(text).toContain("concurrent-meeting license is used up");
    expect(text).toContain('Second visit');
    expect(text).toContain('Site fake.webex.com has 1 of 1 meetings in progress');
    expect(control.meetings.size).toBe(0);
  });

  it.each([
    ['meeting_full', 403, 403, 'This meeting is full'],
    ['blocked', 403, 403, 'You cannot join this meeting'],
    ['link_expired', 410, 410, 'This link has expired'],
    ['meeting_ended', 410, 410, 'This meeting has ended'],
    ['something_new', 422, 422, 'Not possible'],
  ])('shows a clear page for the refusal %s', async (code, controlStatus, pageStatus, heading) => {
    control.links.set('tok', { seriesId: 's3', title: 'Visit', role: 'attendee', displayName: 'Pat', refuse: { status: controlStatus, code, message: 'why' } });
    const refused = await post('/join/tok');
    expect(refused.status).toBe(pageStatus);
    expect(textOf(refused.html)).toContain(heading);
    expect(textOf(refused.html)).toContain(code);
  });

  it('puts a person refused into the lobby on the meeting page, where the host can admit them', async () => {
    control.links.set('start-tok', { seriesId: 's1', title: 'Checkup', role: 'host', displayName: 'Dr. Ada' });
    control.links.set('lobby-tok', {
      seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat',
      refuse: { status: 409, code: 'lobby', message: 'waiting', lobby: true },
    });
    const waiting = await post('/join/lobby-tok');
    expect(waiting.status).toBe(303);
    const lobbyPage = await get(waiting.location ?? '');
    expect(textOf(lobbyPage.html)).toContain('Waiting in the lobby until the host lets you in');
    expect(lobbyPage.html).toContain('<meta http-equiv="refresh" content="5">');
    expect(lobbyPage.html).toContain('>Leave</button>');

    const host = await post('/join/start-tok');
    const hostPage = await get(host.location ?? '');
    expect(hostPage.html).toContain('>Admit</button>');
    const admitted = await post('/admit/participant-1', { back: host.location ?? '' });
    expect(admitted.status).toBe(303);
    expect(admitted.location).toBe(host.location);
    const inside = await get(waiting.location ?? '');
    expect(textOf(inside.html)).toContain('You are in the meeting as Attendee');
    expect(inside.html).not.toContain('http-equiv="refresh"');
  });

  it('does not redirect anywhere but a meeting page after Admit', async () => {
    control.links.set('lobby-tok', { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat', refuse: { status: 409, code: 'lobby', message: 'w', lobby: true } });
    await post('/join/lobby-tok');
    const admitted = await post('/admit/participant-1', { back: 'https://evil.example/' });
    expect(admitted.status).toBe(200);
    expect(admitted.location).toBeNull();
  });

  it('leaves and ends through the control plane', async () => {
    control.links.set('start-tok', { seriesId: 's1', title: 'Checkup', role: 'host', displayName: 'Dr. Ada' });
    control.links.set('join-tok', { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat' });
    await post('/join/start-tok');
    await post('/join/join-tok');
    const left = await post('/leave/participant-2');
    expect(left.status).toBe(200);
    expect(textOf(left.html)).toContain('You left the meeting');
    expect(control.meetings.get('s1_I_1')?.participants.find((p) => p.id === 'participant-2')?.state).toBe('end');

    const ended = await post('/end/s1_I_1');
    expect(ended.status).toBe(200);
    expect(textOf(ended.html)).toContain('Meeting ended');
    expect(control.meetings.get('s1_I_1')?.state).toBe('ended');

    const again = await post('/leave/nobody');
    expect(again.status).toBe(404);
  });

  it('refuses a display name longer than 128 characters, naming the field, without calling the control plane', async () => {
    control.links.set('join-tok', { seriesId: 's1', title: 'Checkup', role: 'attendee', displayName: 'Pat' });
    const refused = await post('/join/join-tok', { displayName: 'x'.repeat(129) });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('displayName');
    expect(control.requests.some((r) => r.url === '/_emulator/links/open')).toBe(false);
  });

  it('answers an unreadable body with a 4xx page, never a stack trace', async () => {
    const response = await fetch(`${pages.url}/join/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers 404 pages for other paths', async () => {
    const page = await get('/nothing/here');
    expect(page.status).toBe(404);
    expect(textOf(page.html)).toContain('Page not found');
  });
});

describe('join pages when the control plane is down', () => {
  it('answers 502 with a page that says the emulator is not answering', async () => {
    const gone = await startFakeControlPlane();
    const logged: { details: object; message: string }[] = [];
    const orphan = await startJoinPages({
      controlUrl: gone.controlUrl, host: '127.0.0.1', port: 0, tls: false,
      log: { error: (details, message) => logged.push({ details, message }) },
    });
    await gone.close();
    try {
      const response = await fetch(`${orphan.url}/join/secret-token-abc`);
      expect(response.status).toBe(502);
      expect(textOf(await response.text())).toContain('Emulator not answering');
      expect(logged.map((l) => l.message)).toEqual(['join pages could not reach the control plane']);
      expect(logged[0]?.details).toMatchObject({ method: 'GET', route: '/join/:token' });
      expect(JSON.stringify(logged)).not.toContain('secret-token-abc');
    } finally {
      await orphan.close();
    }
  });
});

describe('join pages over TLS', () => {
  it('serves https with a self-signed certificate for 127.0.0.1 and localhost', async () => {
    const secure = await startJoinPages({ controlUrl: control.controlUrl, host: '127.0.0.1', port: 0, tls: true });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      control.links.set('tls-tok', { seriesId: 's9', title: 'Secure visit', role: 'host', displayName: 'Ada' });
      const { status, body, altNames } = await new Promise<{ status: number; body: string; altNames: string }>((resolve, reject) => {
        const req = httpsRequest(`${secure.url}/join/tls-tok`, { rejectUnauthorized: false }, (res) => {
          const cert = (res.socket as TLSSocket).getPeerCertificate();
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, altNames: cert.subjectaltname ?? '' }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(body).toContain('Secure visit');
      expect(altNames).toContain('DNS:localhost');
      expect(altNames).toContain('IP Address:127.0.0.1');
    } finally {
      await secure.close();
    }
  });
});

describe('escapeHtml', () => {
  it('leaves no markup characters and round-trips through the entities', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        const back = escaped.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e] ?? e);
        expect(back).toBe(text);
      }),
    );
  });
});
