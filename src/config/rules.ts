/**
 * How settings combine: which are required outside demo mode, what the chosen ticket sink and state
 * store need, and what may not be set together. Part of CONFIG_SCHEMA (index.ts); each rule reports
 * one line naming the setting to change.
 */
import type { z } from 'zod';
import { combinationProblem, type SettingValues } from './environment';
import type { SETTINGS } from './settings';

export type Values = SettingValues<typeof SETTINGS>;
type SettingName = keyof typeof SETTINGS;

/** DEMO=true forces demo mode and DEMO=false forbids it; unset, demo mode is what an empty configuration means. */
export function isDemo(values: Values): boolean {
  return values.DEMO ?? (!values.MicrosoftAppId && !values.AZURE_TENANT_ID);
}

/** The ticket sink: TICKET_SINK, else mail when there is somewhere to send it (the demo has its own helpdesk). */
export function ticketSink(values: Values) {
  return values.TICKET_SINK ?? (isDemo(values) || values.HELPDESK_EMAIL ? 'graph-mail' : 'none');
}

/**
 * Checks the combinations. A setting whose own value failed to parse may hold its raw text here (zod
 * runs these rules anyway, so that every problem is listed at once); it is never undefined.
 */
export function checkCombinations(values: Values, ctx: z.RefinementCtx): void {
  const demo = isDemo(values);
  const required = (name: SettingName, why: string) => {
    if (values[name] === undefined) combinationProblem(ctx, name, `missing — ${why}`);
  };
  if (!demo) {
    required('MicrosoftAppId', 'the bot app registration id; without it anyone could post to /api/messages');
    required('MicrosoftAppTenantId', 'the tenant of the bot app registration');
    required('AZURE_TENANT_ID', 'the tenant whose sign-in logs are read');
    required('AZURE_CLIENT_ID', 'the Graph app or managed identity client id');
    if (values.MicrosoftAppType === 'SingleTenant')
      required('MicrosoftAppPassword', "SingleTenant bots need the app registration's client secret");
    if (values.AZURE_CLIENT_SECRET && values.AZURE_CLIENT_CERTIFICATE_PATH)
      combinationProblem(ctx, 'AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH', 'set one, not both');

    const sink = ticketSink(values);
    const needs: Partial<Record<string, SettingName[]>> = {
      'graph-mail': ['HELPDESK_EMAIL', 'TICKET_MAILBOX'],
      webhook: ['TICKET_WEBHOOK_URL', 'TICKET_WEBHOOK_SECRET'],
      servicenow: ['SERVICENOW_INSTANCE_URL', 'SERVICENOW_USERNAME', 'SERVICENOW_PASSWORD'],
    };
    for (const name of needs[sink] ?? []) required(name, `needed by TICKET_SINK=${sink}`);
  }
  checkStateStore(values, demo, ctx);
}

function checkStateStore(values: Values, demo: boolean, ctx: z.RefinementCtx): void {
  const blobUrl = values.STATE_BLOB_ACCOUNT_URL;
  const blobConnection = values.STATE_BLOB_CONNECTION_STRING;
  if (values.STATE_STORE !== 'blob') {
    if (blobUrl || blobConnection)
      combinationProblem(
        ctx,
        blobUrl ? 'STATE_BLOB_ACCOUNT_URL' : 'STATE_BLOB_CONNECTION_STRING',
        `only used with STATE_STORE=blob (STATE_STORE is ${values.STATE_STORE})`,
      );
    return;
  }
  if (!blobUrl && !blobConnection)
    combinationProblem(
      ctx,
      'STATE_STORE=blob',
      'set STATE_BLOB_ACCOUNT_URL (managed identity) or, for Azurite, STATE_BLOB_CONNECTION_STRING',
    );
  if (blobUrl && blobConnection)
    combinationProblem(ctx, 'STATE_BLOB_ACCOUNT_URL / STATE_BLOB_CONNECTION_STRING', 'set one, not both');
  if (blobUrl && !demo && !blobUrl.startsWith('https://'))
    combinationProblem(ctx, 'STATE_BLOB_ACCOUNT_URL', 'must be https outside demo mode');
  // Account keys are for the local emulator: in production the managed identity signs in.
  if (blobConnection && !demo && !/BlobEndpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(blobConnection))
    combinationProblem(
      ctx,
      'STATE_BLOB_CONNECTION_STRING',
      'only for Azurite on this machine; in production use STATE_BLOB_ACCOUNT_URL with the managed identity',
    );
}
