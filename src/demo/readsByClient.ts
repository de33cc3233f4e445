/**
 * Counts the sign-in log reads of each bot process on a demo tenant that several share (`npm run
 * demo-tenant`), by the x-demo-client header they send (src/demo/clientTag.ts): GET /_demo/stats
 * then answers `auditLogReads:<client>` beside the total, showing which process reads the log.
 */
import { DEMO_CLIENT_HEADER } from './clientTag';
import type { DemoTenant, GraphRequest, GraphResponse } from './tenant';

const COUNTED = Symbol('readsByClient');

/** The same tenant, counting; counting twice is the same as once. */
export function countReadsByClient(tenant: DemoTenant): DemoTenant {
  const target = tenant as DemoTenant & { [COUNTED]?: true; stats?: () => Record<string, number> };
  if (target[COUNTED]) return tenant;
  const counts = new Map<string, number>();
  const handle = tenant.handle.bind(tenant);
  const ownStats = target.stats?.bind(tenant);
  Object.assign(target, {
    [COUNTED]: true,
    handle(request: GraphRequest): GraphResponse {
      if (/^\/(v1\.0|beta)\/auditLogs\/signIns/.test(new URL(request.url).pathname)) {
        const client =
          Object.entries(request.headers).find(([name]) => name.toLowerCase() === DEMO_CLIENT_HEADER)?.[1] ?? 'unnamed';
        counts.set(client, (counts.get(client) ?? 0) + 1);
      }
      return handle(request);
    },
    stats(): Record<string, number> {
      return {
        ...ownStats?.(),
        ...Object.fromEntries([...counts].map(([client, n]) => [`auditLogReads:${client}`, n])),
      };
    },
  });
  return tenant;
}
