/**
 * Who is a sign-in reader — the input of the access policy (./policy.ts). Holders of a sign-in
 * reader role (directly, through a role-assignable group, or PIM-activated — all show in
 * transitiveMemberOf) and transitive members of a helpdesk group. Decisions are cached per person.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { LRUCache } from 'lru-cache';
import { toGraphProblem } from '../graph/errors';

/** The directory role properties read (test/demo/contract.test.ts checks them against Graph's schema). */
export const ROLE_SELECT = 'id,displayName,roleTemplateId';

export interface ReaderDecision {
  reader: boolean;
  /** Why: the role or group that made this person a reader, for the audit log. */
  because: string | null;
}

export interface ReaderDirectory {
  readerDecision(userId: string): Promise<ReaderDecision>;
}

export interface ReaderDirectoryOptions {
  readerRoleIds: string[];
  helpdeskGroupIds: string[];
  cacheSeconds: number;
  /** Clock of the cache time (tests). */
  now?: () => number;
}

export class GraphReaderDirectory implements ReaderDirectory {
  private readonly cache: LRUCache<string, ReaderDecision>;
  private readonly inFlight = new Map<string, Promise<ReaderDecision>>();

  constructor(
    private readonly client: Client,
    private readonly options: ReaderDirectoryOptions,
  ) {
    this.cache = new LRUCache({
      max: 5000,
      ttl: options.cacheSeconds * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async readerDecision(anyCaseId: string): Promise<ReaderDecision> {
    const userId = anyCaseId.toLowerCase();
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const work = this.decide(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, work);
    const decision = await work;
    this.cache.set(userId, decision);
    return decision;
  }

  private async decide(userId: string): Promise<ReaderDecision> {
    try {
      const roles = (await this.client
        .api(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`)
        .header('ConsistencyLevel', 'eventual')
        .query({ $count: 'true' })
        .select(ROLE_SELECT)
        .get()) as { value: { roleTemplateId?: string; displayName?: string }[] };
      const wanted = new Set(this.options.readerRoleIds.map((r) => r.toLowerCase()));
      const role = roles.value.find((r) => r.roleTemplateId && wanted.has(r.roleTemplateId.toLowerCase()));
      if (role) return { reader: true, because: `role:${role.displayName ?? role.roleTemplateId}` };
      // checkMemberGroups takes at most 20 group ids per call.
      for (let i = 0; i < this.options.helpdeskGroupIds.length; i += 20) {
        const groupIds = this.options.helpdeskGroupIds.slice(i, i + 20);
        const groups = (await this.client
          .api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`)
          .post({ groupIds })) as { value: string[] };
        const hit = groups.value[0];
        if (hit) return { reader: true, because: `group:${hit}` };
      }
      return { reader: false, because: null };
    } catch (error) {
      const problem = toGraphProblem(error);
      // Someone the directory does not know is not a reader.
      if (problem.kind === 'notFound') return { reader: false, because: null };
      throw problem;
    }
  }
}
