import { postActivity, teamsMessage } from '../src/tools/activities';
import { startApp } from './support/app';
it('prof', async () => {
  const r = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  const asker = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', conversationId: 'a:p' };
  const body = teamsMessage('why did Megan Bowen fail to sign in yesterday', asker);
  for (let i = 0; i < 50; i++) await postActivity(r.url, body);
  let t = performance.now();
  for (let i = 0; i < 300; i++) await postActivity(r.url, body);
  const bot = (performance.now() - t) / 300;
  const tr = r.app.troubleshooter;
  const req = { userId: asker.aadObjectId, tenantId: '72f988bf-0000-0000-0000-000000000001', timeZone: 'Europe/Amsterdam', conversationKey: 'x', conversationType: 'personal', name: 'Alex Wilber' };
  t = performance.now();
  for (let i = 0; i < 300; i++) await tr.ask(req, 'why did Megan Bowen fail to sign in yesterday');
  const core = (performance.now() - t) / 300;
  console.log({ bot, core });
  await r.stop();
}, 60000);
