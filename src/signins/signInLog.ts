/**
 * Reads the sign-in log: always filtered server-side by person and time (plus app, code or
 * correlation id when asked), bounded paging, newest first.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { and, encodeFilter, odataDate, odataInteger, odataString } from '../graph/odata';
import { toGraphProblem } from '../graph/errors';
import aliases from './appAliases.json';


/** One page of GET /auditLogs/signIns. */
interface SignInListPage {
  value: SignIn[];
  '@odata.nextLink'?: string;
}

export interface SignInQuery {
  /** Object id of the person; omitted only for tenant-wide questions. */
  userId?: string;
  from: Date;
  to: Date;
  app?: string | null;
  errorCode?: number | null;
  correlationId?: string | null;
}

export interface SignInPage {
  records: SignIn[];
  /** True when more records matched than the page cap allowed us to read. */
  truncated: boolean;
  /** Graph requests made. */
  requests: number;
  /** Set by a source that keeps answers: pages with the same key hold the same records. */
  key?: string;
  /**
   * When the records were read from the log, if not just now (an answer from the live sign-in index:
   * its last poll). The log itself runs minutes behind sign-ins either way.
   */
  asOf?: Date;
}

export interface SignInSource {
  find(query: SignInQuery): Promise<SignInPage>;
  byId(id: string): Promise<SignIn | null>;
  /** The sign-in with this id only if it is this person's: the filter makes Graph check, not us. */
  ownById(id: string, userId: string): Promise<SignIn | null>;
}

const APP_ALIASES = new Map(Object.entries(aliases as Record<string, string>).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k.toLowerCase(), v]));

export function appPrefix(app: string): string {
  return APP_ALIASES.get(app.trim().toLowerCase()) ?? app.trim();
}

export function buildSignInFilter(query: SignInQuery): string {
  return and(
    query.userId !== undefined && `userId eq ${odataString(query.userId)}`,
    `createdDateTime ge ${odataDate(query.from)}`,
    `createdDateTime le ${odataDate(query.to)}`,
    query.app && `startswith(appDisplayName,${odataString(appPrefix(query.app))})`,
    query.errorCode !== null && query.errorCode !== undefined && `status/errorCode eq ${odataInteger(query.errorCode)}`,
    query.correlationId && `correlationId eq ${odataString(query.correlationId)}`,
  );
}

export class GraphSignInLog implements SignInSource {
  constructor(
    private readonly client: Client,
    private readonly options: { pageSize: number; maxPages: number },
  ) {}

  async find(query: SignInQuery): Promise<SignInPage> {
    const records: SignIn[] = [];
    let requests = 0;
    try {
      // One correlation id is one attempt: a few rows. Otherwise the whole window is needed for patterns.
      const top = query.correlationId ? 50 : this.options.pageSize;
      let page = (await this.client.api('/auditLogs/signIns').filter(encodeFilter(buildSignInFilter(query))).top(top).get()) as SignInListPage;
      requests++;
      records.push(...page.value);
      while (page['@odata.nextLink'] && requests < this.options.maxPages) {
        page = (await this.client.api(page['@odata.nextLink']).get()) as SignInListPage;
        requests++;
        records.push(...page.value);
      }
      return { records, truncated: Boolean(page['@odata.nextLink']), requests };
    } catch (error) {
      throw toGraphProblem(error);
    }
  }

  async byId(id: string): Promise<SignIn | null> {
    try {
      return (await this.client.api(`/auditLogs/signIns/${encodeURIComponent(id)}`).get()) as SignIn;
    } catch (error) {
      const problem = toGraphProblem(error);
      if (problem.kind === 'notFound') return null;
      throw problem;
    }
  }

  async ownById(id: string, userId: string): Promise<SignIn | null> {
    try {
      const page = (await this.client.api('/auditLogs/signIns').filter(encodeFilter(and(`id eq ${odataString(id)}`, `userId eq ${odataString(userId)}`))).top(1).get()) as SignInListPage;
      return page.value[0] ?? null;
    } catch (error) {
      throw toGraphProblem(error);
    }
  }
}
