/** Finding people in the directory through Graph. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { LRUCache } from 'lru-cache';
import { encodeFilter, odataString } from '../graph/odata';
import { toGraphProblem } from '../graph/errors';

export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  /** Whether the account may sign in (Graph user.accountEnabled); read for "has X's account been disabled?". */
  accountEnabled?: boolean | null;
}

export interface PeopleDirectory {
  /** By object id or UPN; null when there is no such person. */
  get(idOrUpn: string): Promise<Person | null>;
  /** By a name as typed: every person whose display name, first name, last name, mail or UPN starts with it. */
  search(name: string, limit?: number): Promise<Person[]>;
}

/** The user properties read (test/demo/contract.test.ts checks them against Graph's schema). */
export const SELECT = 'id,displayName,userPrincipalName,mail,jobTitle,department,accountEnabled';

export class GraphPeopleDirectory implements PeopleDirectory {
  constructor(private readonly client: Client) {}

  async get(idOrUpn: string): Promise<Person | null> {
    try {
      return (await this.client
        .api(`/users/${encodeURIComponent(idOrUpn)}`)
        .select(SELECT)
        .get()) as Person;
    } catch (error) {
      const problem = toGraphProblem(error);
      if (problem.kind === 'notFound') return null;
      throw problem;
    }
  }

  async search(name: string, limit = 10): Promise<Person[]> {
    const literal = odataString(name.trim());
    const fields = name.trim().includes(' ')
      ? ['displayName']
      : ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'];
    const filter = fields.map((f) => `startswith(${f},${literal})`).join(' or ');
    try {
      const page = (await this.client.api('/users').filter(encodeFilter(filter)).select(SELECT).top(limit).get()) as {
        value: Person[];
      };
      return page.value;
    } catch (error) {
      throw toGraphProblem(error);
    }
  }
}

/** Keeps directory answers for a while: people rarely change name or UPN within minutes. */
export class CachedPeopleDirectory implements PeopleDirectory {
  private readonly cache: LRUCache<string, { value: Person | null | Person[] }>;

  constructor(
    private readonly inner: PeopleDirectory,
    ttlSeconds: number,
  ) {
    this.cache = new LRUCache({ max: 10_000, ttl: Math.max(1, ttlSeconds) * 1000 });
  }

  async get(idOrUpn: string): Promise<Person | null> {
    return (await this.remember(`get:${idOrUpn.toLowerCase()}`, () => this.inner.get(idOrUpn))) as Person | null;
  }

  async search(name: string, limit = 10): Promise<Person[]> {
    return (await this.remember(`search:${limit}:${name.trim().toLowerCase()}`, () =>
      this.inner.search(name, limit),
    )) as Person[];
  }

  private async remember(
    key: string,
    load: () => Promise<Person | null | Person[]>,
  ): Promise<Person | null | Person[]> {
    const hit = this.cache.get(key);
    if (hit) return hit.value;
    const value = await load();
    this.cache.set(key, { value });
    return value;
  }
}
