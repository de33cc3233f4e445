/** Finding people in the directory through Graph. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { odataString } from '../graph/odata';
import { toGraphProblem } from '../graph/errors';

export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
}

export interface PeopleDirectory {
  /** By object id or UPN; null when there is no such person. */
  get(idOrUpn: string): Promise<Person | null>;
  /** By a name as typed: every person whose display name, first name, last name, mail or UPN starts with it. */
  search(name: string, limit?: number): Promise<Person[]>;
}

const SELECT = 'id,displayName,userPrincipalName,mail,jobTitle,department';

export class GraphPeopleDirectory implements PeopleDirectory {
  constructor(private readonly client: Client) {}

  async get(idOrUpn: string): Promise<Person | null> {
    try {
      return (await this.client.api(`/users/${encodeURIComponent(idOrUpn)}`).select(SELECT).get()) as Person;
    } catch (error) {
      const problem = toGraphProblem(error);
      if (problem.kind === 'notFound') return null;
      throw problem;
    }
  }

  async search(name: string, limit = 10): Promise<Person[]> {
    const literal = odataString(name.trim());
    const fields = name.trim().includes(' ') ? ['displayName'] : ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'];
    const filter = fields.map((f) => `startswith(${f},${literal})`).join(' or ');
    try {
      const page = await this.client.api('/users').filter(filter).select(SELECT).top(limit).get();
      return page.value as Person[];
    } catch (error) {
      throw toGraphProblem(error);
    }
  }
}
