import { createGraphClient } from '../../src/graph/client';
import { demoAuthProvider, DemoTenantTransport } from '../../src/demo/graphTransport';
import { DemoTenant } from '../../src/demo/tenant';
import type { Config } from '../../src/config';
import {
  GraphMailSink,
  ServiceNowSink,
  WebhookSink,
  createTicketSink,
  ticketHtml,
  ticketText,
} from '../../src/tickets';
import { everyValue, sampleContent } from './support/content';

const client = createGraphClient({
  endpoint: 'https://graph.microsoft.com',
  authProvider: demoAuthProvider,
  transport: new DemoTenantTransport(new DemoTenant({ now: new Date('2026-11-27T10:00:00Z') })),
});

describe('createTicketSink', () => {
  test.each<[Config['tickets'], unknown, string]>([
    [
      { sink: 'graph-mail', mailbox: 'bot@contoso.com', helpdeskEmail: 'helpdesk@contoso.com' },
      GraphMailSink,
      'helpdesk@contoso.com',
    ],
    [
      {
        sink: 'webhook',
        webhookUrl: 'https://prod-12.westeurope.logic.azure.com/workflows/x/invoke?sig=SECRET',
        webhookSecret: 's',
      },
      WebhookSink,
      'prod-12.westeurope.logic.azure.com',
    ],
    [
      {
        sink: 'servicenow',
        serviceNowUrl: 'https://contoso.service-now.com',
        serviceNowUser: 'u',
        serviceNowPassword: 'p',
      },
      ServiceNowSink,
      'contoso.service-now.com',
    ],
  ])('%j', (config, type, destination) => {
    const sink = createTicketSink(config, client);
    expect(sink).toBeInstanceOf(type as new (...args: never[]) => unknown);
    expect(sink?.name).toBe(config.sink);
    expect(sink?.destination).toBe(destination);
  });

  test('none → null; a missing setting is named', () => {
    expect(createTicketSink({ sink: 'none' }, client)).toBeNull();
    expect(() =>
      createTicketSink({ sink: 'servicenow', serviceNowUrl: 'https://x.service-now.com', serviceNowUser: 'u' }, client),
    ).toThrow(/SERVICENOW_PASSWORD/);
  });
});

describe('ticket formats', () => {
  test('plain text carries every field, numbered steps and one line per CA policy', () => {
    const content = sampleContent();
    const text = ticketText('SIT-00000000', content);
    for (const value of everyValue(content)) expect(text).toContain(value);
    expect(text).toContain('Steps:\n  1. Sign in from a company laptop.\n  2. Ask the helpdesk');
    expect(text).toContain('  - Require MFA for admins: notApplied (controls: mfa, compliantDevice)');
  });

  test('missing optional values show as a dash, not "null"', () => {
    const content = sampleContent({
      ipAddress: null,
      location: null,
      device: null,
      clientApp: null,
      resource: null,
      comment: null,
      conditionalAccess: [],
    });
    const text = ticketText('SIT-00000000', content);
    expect(text).not.toContain('null');
    expect(text).toContain('IP address: —');
    expect(text).toContain('Conditional Access: none applied');
    expect(ticketHtml('SIT-00000000', content)).not.toContain('null');
  });
});
