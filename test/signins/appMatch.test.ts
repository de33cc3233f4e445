/**
 * Apps as people name them → the sign-in log's records: first-party apps by app id and every display
 * name they are logged under (Microsoft's list of first-party app ids), any name without regard to
 * case, other apps by the start of their display name.
 */
import { appKey, appMatch, matchesApp } from '../../src/signins/appMatch';
import { buildSignInFilter } from '../../src/signins/signInLog';

const OUTLOOK_MOBILE = '27922004-5251-4030-b22d-91ecd9a37ea4';
const ONE_OUTLOOK_WEB = '9199bf20-a13f-4107-85dc-02114787ef48';
const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

describe('matching an app', () => {
  it("finds Outlook's sign-ins under its several app ids, whatever their display name", () => {
    const outlook = appMatch('Outlook');
    expect(matchesApp({ appId: OUTLOOK_MOBILE, appDisplayName: 'Outlook Mobile' }, outlook)).toBe(true);
    expect(matchesApp({ appId: ONE_OUTLOOK_WEB.toUpperCase(), appDisplayName: 'Some renamed client' }, outlook)).toBe(
      true,
    );
    expect(matchesApp({ appId: 'not-an-outlook-id', appDisplayName: 'one outlook web' }, outlook)).toBe(true);
    expect(matchesApp({ appId: TEAMS, appDisplayName: 'Microsoft Teams' }, outlook)).toBe(false);
  });

  it('treats aliases and spellings of one app alike, also as a cache key', () => {
    expect(appMatch('mail')).toEqual(appMatch('OUTLOOK'));
    expect(appKey('E-mail'.replace('-', ''))).toBe(appKey('outlook'));
    expect(appKey('teams')).not.toBe(appKey('outlook'));
  });

  it('matches an unknown app by the start of its display name, without regard to case', () => {
    const salesforce = appMatch('salesforce');
    expect(matchesApp({ appId: 'x', appDisplayName: 'Salesforce' }, salesforce)).toBe(true);
    expect(matchesApp({ appId: 'x', appDisplayName: 'SALESFORCE Sandbox' }, salesforce)).toBe(true);
    expect(matchesApp({ appId: 'x', appDisplayName: 'My Salesforce' }, salesforce)).toBe(false);
  });

  it('asks Graph to narrow by name only for an app it does not know (a known one is picked out after the read)', () => {
    const window = { from: new Date('2026-11-26T00:00:00Z'), to: new Date('2026-11-27T00:00:00Z') };
    expect(buildSignInFilter({ ...window, app: 'Outlook' })).not.toContain('appDisplayName');
    expect(buildSignInFilter({ ...window, app: "O'Reilly Portal" })).toContain(
      "startswith(appDisplayName,'O''Reilly Portal')",
    );
  });
});
