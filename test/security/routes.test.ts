/**
 * The production token check is decided on the route the router matched, not on
 * how the path was spelled. Every spelling below reaches POST /api/messages (the demo server, which
 * has no token check, answers them as activities), and in production each gets 401 without a token
 * — before its body is read, so the caller does not even learn whether its JSON parsed.
 */
import { cardsIn, teamsMessage } from '../../src/tools/activities';
import { startApp, type RunningApp } from '../support/app';
import { startProduction, type RunningProduction } from '../support/production';
import { rawRequest } from '../support/raw';

const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const SPELLINGS = [
  '/api/messages',
  '/api/%6Dessages',
  '/api/%6d%65ssages',
  '/%61pi/messages',
  '/api/messages;x',
  '/api/messages;jsessionid=1',
  '/api/messages/',
  '/api/messages?x=1',
  '/api/Messages',
  '/API/MESSAGES',
  '//api/messages',
  '/api//messages',
  '/api/./messages',
  '/api/x/../messages',
];

let demo: RunningApp;
let production: RunningProduction;
let asked: jest.SpyInstance;
beforeAll(async () => {
  demo = await startApp();
  production = await startProduction();
  asked = jest.spyOn(production.app.troubleshooter, 'ask');
});
afterAll(async () => {
  await demo.stop();
  await production.stop();
});

const message = () => JSON.stringify(teamsMessage("why can't I sign in?", MEGAN));

describe('production: no token, any spelling of the messages route', () => {
  it.each(SPELLINGS)('answers 401 to POST %s, even with malformed JSON', async (path) => {
    for (const body of [message(), '{"type":', '[]']) {
      const response = await rawRequest(production.url, {
        path,
        headers: { 'content-type': 'application/json' },
        body,
      });
      // 404 only where the router matched nothing at all; never 400, which would mean the body was read.
      expect([401, 404, 405]).toContain(response.status);
      expect(response.body).not.toMatch(/JSON|malformed|activity/i);
    }
    expect(asked).not.toHaveBeenCalled();
  });

  it('decides on the route: every spelling the demo server answers as an activity gets 401 in production', async () => {
    const reached: string[] = [];
    for (const path of SPELLINGS) {
      const inDemo = await rawRequest(demo.url, {
        path,
        headers: { 'content-type': 'application/json' },
        body: message(),
      });
      if (inDemo.status !== 200 || cardsIn({ status: 200, body: JSON.parse(inDemo.body) }).length === 0) continue;
      reached.push(path);
      const inProduction = await rawRequest(production.url, {
        path,
        headers: { 'content-type': 'application/json' },
        body: '{"type":',
      });
      expect({ path, status: inProduction.status }).toEqual({ path, status: 401 });
    }
    // The variants from the red-team report do reach the route, so the check above is not empty.
    expect(reached).toEqual(expect.arrayContaining(['/api/messages', '/api/%6Dessages', '/api/messages;x']));
  });
});
