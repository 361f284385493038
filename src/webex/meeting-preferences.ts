import type { MeetingPreferences, MeetingPreferencesQuery, MeetingSite, MeetingSites, SchedulingOptions } from './meeting-preference-types.js';
import type { CallOptions, Transport } from './transport.js';

export interface MeetingPreferencesApi {
  get(query?: MeetingPreferencesQuery, opts?: CallOptions): Promise<MeetingPreferences>;
  getSchedulingOptions(query?: MeetingPreferencesQuery, opts?: CallOptions): Promise<SchedulingOptions>;
  /** The G2G "no host needed" recipe sets `enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5` here. */
  updateSchedulingOptions(body: SchedulingOptions, query?: MeetingPreferencesQuery, opts?: CallOptions): Promise<SchedulingOptions>;
  listSites(query?: MeetingPreferencesQuery, opts?: CallOptions): Promise<MeetingSites>;
  updateDefaultSite(siteUrl: string, query?: Pick<MeetingPreferencesQuery, 'userEmail'>, opts?: CallOptions): Promise<MeetingSite>;
}

export function createMeetingPreferencesApi(transport: Transport): MeetingPreferencesApi {
  return {
    get: async (query, opts) => (await transport.request<MeetingPreferences>({ method: 'GET', path: '/meetingPreferences', query: { ...query }, signal: opts?.signal })).data,
    getSchedulingOptions: async (query, opts) =>
      (await transport.request<SchedulingOptions>({ method: 'GET', path: '/meetingPreferences/schedulingOptions', query: { ...query }, signal: opts?.signal })).data,
    updateSchedulingOptions: async (body, query, opts) =>
      (await transport.request<SchedulingOptions>({ method: 'PUT', path: '/meetingPreferences/schedulingOptions', query: { ...query }, json: body, signal: opts?.signal }))
        .data,
    listSites: async (query, opts) => (await transport.request<MeetingSites>({ method: 'GET', path: '/meetingPreferences/sites', query: { ...query }, signal: opts?.signal })).data,
    updateDefaultSite: async (siteUrl, query, opts) =>
      (
        await transport.request<MeetingSite>({
          method: 'PUT',
          path: '/meetingPreferences/sites',
          // `defaultSite=true` is required by the spec: the only thing this call can do is set the default.
          query: { defaultSite: true, ...query },
          json: { siteUrl },
          signal: opts?.signal,
        })
      ).data,
  };
}
