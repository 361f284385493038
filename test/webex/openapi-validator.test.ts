import { describe, expect, it } from 'vitest';
import {
  findWebexOperation,
  listWebexOperations,
  loadWebexSpec,
  validateWebexRequest,
  validateWebexResponse,
} from '../support/openapi.js';

describe('the Webex OpenAPI validator (test/support/openapi.ts)', () => {
  it('lists all 52 operations of the subset', () => {
    expect(listWebexOperations()).toHaveLength(52);
  });

  it('matches concrete paths to templates, literal segments first, with /v1, full URLs and encoded ids', () => {
    expect(findWebexOperation('POST', '/meetings/join')?.operationId).toBe('meetingJoin');
    expect(findWebexOperation('GET', '/v1/meetings/abc')?.operationId).toBe('getMeetingById');
    const m = findWebexOperation('PATCH', 'http://127.0.0.1:9/v1/meetings/a%2Fb?x=1');
    expect(m?.template).toBe('/meetings/{meetingId}');
    expect(m?.pathParams).toEqual({ meetingId: 'a/b' });
    expect(findWebexOperation('POST', '/meetings/abc')).toBeUndefined();
    expect(validateWebexRequest({ method: 'POST', path: '/meetings/abc' }).errors[0]).toMatch(/POST is not an operation of \/meetings\/\{meetingId\}/);
    expect(validateWebexRequest({ method: 'GET', path: '/nothing/here' }).errors[0]).toMatch(/no path/);
  });

  it('accepts every response example of the spec (non-strict), including text bodies', () => {
    const spec = loadWebexSpec();
    let checked = 0;
    for (const op of listWebexOperations()) {
      const operation = spec.paths[op.template]?.[op.method.toLowerCase()];
      const concrete = op.template.replace(/\{[^}]+\}/g, 'id1');
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        for (const [contentType, media] of Object.entries(response.content ?? {})) {
          if (media.example === undefined) continue;
          const result = validateWebexResponse({ method: op.method, path: concrete, status: Number(status), body: media.example, contentType });
          expect(result.errors, `${op.method} ${op.template} ${status}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('rejects a response whose field has the wrong type or enum value, naming the field', () => {
    const base = { method: 'GET', path: '/meetingPreferences/schedulingOptions', status: 200, contentType: 'application/json;charset=UTF-8' };
    const good = { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, enabledAutoShareRecording: false };
    expect(validateWebexResponse({ ...base, body: good }).valid).toBe(true);
    const bad = validateWebexResponse({ ...base, body: { ...good, enabledJoinBeforeHost: 'yes' } });
    expect(bad.valid).toBe(false);
    expect(bad.errors).toEqual(['body/enabledJoinBeforeHost: must be boolean']);
    const missing = validateWebexResponse({ ...base, body: { enabledJoinBeforeHost: true } });
    expect(missing.errors.join('\n')).toMatch(/joinBeforeHostMinutes/);
    const meeting = validateWebexResponse({ method: 'GET', path: '/meetings?max=1', status: 200, body: { items: [{ state: 'paused' }] } });
    expect(meeting.errors.join('\n')).toMatch(/body\/items\/0\/state: must be one of/);
  });

  it('reports undeclared response fields only in strict mode', () => {
    const body = { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5, enabledAutoShareRecording: false, invented: 1 };
    const req = { method: 'GET', path: '/meetingPreferences/schedulingOptions', status: 200, body };
    expect(validateWebexResponse(req).valid).toBe(true);
    expect(validateWebexResponse({ ...req, strict: true }).errors).toEqual(['body: property "invented" is not declared by the spec']);
  });

  it('checks statuses, content types, empty 204 bodies and the Webex error body', () => {
    expect(validateWebexResponse({ method: 'DELETE', path: '/meetings/m1', status: 204, body: '' }).valid).toBe(true);
    expect(validateWebexResponse({ method: 'DELETE', path: '/meetings/m1', status: 204, body: { a: 1 } }).valid).toBe(false);
    expect(validateWebexResponse({ method: 'DELETE', path: '/meetings/m1', status: 201, body: '' }).errors[0]).toMatch(/201 is not declared/);
    expect(
      validateWebexResponse({ method: 'GET', path: '/rooms/r1', status: 200, body: { id: 'r' }, contentType: 'text/html' }).errors[0],
    ).toMatch(/text\/html is not declared/);
    const error = { message: 'Not found', errors: [{ description: 'x' }], trackingId: 'ROUTER_1' };
    expect(validateWebexResponse({ method: 'GET', path: '/rooms/r1', status: 404, body: JSON.stringify(error), contentType: 'application/json' }).valid).toBe(true);
    expect(validateWebexResponse({ method: 'GET', path: '/rooms/r1', status: 404, body: { message: 'x' }, contentType: 'application/json' }).errors).toEqual([
      "body: must have required property 'trackingId'",
    ]);
    expect(validateWebexResponse({ method: 'GET', path: '/rooms/r1', status: 429, body: '<html>slow down</html>', contentType: 'text/html' }).valid).toBe(true);
    expect(validateWebexResponse({ method: 'GET', path: '/guests/count', status: 200, body: '112', contentType: 'text/plain' }).valid).toBe(true);
    expect(validateWebexResponse({ method: 'GET', path: '/guests/count', status: 200, body: '{"n":1}', contentType: 'text/plain' }).valid).toBe(false);
  });

  it('checks request query parameters: types, enums, unknown names, required ones', () => {
    expect(validateWebexRequest({ method: 'GET', path: '/v1/meetings', query: { max: 10, meetingType: 'meeting', state: 'ended' } }).valid).toBe(true);
    expect(validateWebexRequest({ method: 'GET', path: '/meetings?max=ten' }).errors).toEqual(['query/max: must be number']);
    expect(validateWebexRequest({ method: 'GET', path: '/meetings', query: { colour: 'red' } }).errors[0]).toMatch(/query\/colour: is not a parameter/);
    expect(validateWebexRequest({ method: 'GET', path: '/meetingParticipants' }).errors).toEqual(['query/meetingId: is required']);
    expect(validateWebexRequest({ method: 'GET', path: '/meetingParticipants', query: new URLSearchParams({ meetingId: 'x' }) }).valid).toBe(true);
  });

  it('checks request bodies strictly: required fields, enums, undeclared fields and the content type', () => {
    const body = { title: 'Visit', start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:30:00Z', unlockedMeetingJoinSecurity: 'allowJoin' };
    expect(validateWebexRequest({ method: 'POST', path: '/meetings', body, contentType: 'application/json' }).valid).toBe(true);
    expect(validateWebexRequest({ method: 'POST', path: '/meetings', body: { ...body, unlockedMeetingJoinSecurity: 'open' } }).errors[0]).toMatch(
      /body\/unlockedMeetingJoinSecurity: must be one of \["allowJoin","allowJoinWithLobby","blockFromJoin"\]/,
    );
    expect(validateWebexRequest({ method: 'POST', path: '/meetings', body: { ...body, titel: 'typo' } }).errors).toEqual([
      'body: property "titel" is not declared by the spec',
    ]);
    expect(validateWebexRequest({ method: 'POST', path: '/meetings', body: { ...body, titel: 'typo' }, allowUnknownFields: true }).valid).toBe(true);
    expect(validateWebexRequest({ method: 'POST', path: '/applications/a1/token' }).errors).toEqual(['body: is required']);
    expect(validateWebexRequest({ method: 'PATCH', path: '/meetings/m1', body: { title: 'x' }, contentType: 'application/json-patch+json' }).valid).toBe(true);
    expect(validateWebexRequest({ method: 'PUT', path: '/meetings/m1', body: { title: 'x' }, contentType: 'text/plain' }).errors[0]).toMatch(/content-type/);
    expect(validateWebexRequest({ method: 'DELETE', path: '/meetings/m1', body: { a: 1 } }).errors[0]).toMatch(/takes no request body/);
    expect(validateWebexRequest({ method: 'POST', path: '/rooms', body: '{not json' }).errors).toEqual(['body: is not valid JSON']);
  });
});
