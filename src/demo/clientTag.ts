/**
 * Names this process on every Graph request to a demo tenant shared by several bot processes
 * (DEMO_GRAPH_URL), so that the tenant's /_demo/stats can count sign-in log reads per process and
 * show that only the lease holder reads the log. Never sent to Microsoft Graph.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { DemoSettings } from './settings';

export const DEMO_CLIENT_HEADER = 'x-demo-client';

/** The process id: what a test that started the process knows it by. */
export function demoClientTag(settings: Pick<DemoSettings, 'sharedTenant'>): Middleware[] {
  return settings.sharedTenant ? [new ClientTag(String(process.pid))] : [];
}

class ClientTag implements Middleware {
  private next?: Middleware;
  constructor(private readonly name: string) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const options = context.options ?? {};
    // The SDK keeps headers as a plain object, or a Headers when a middleware made one.
    if (options.headers instanceof Headers) options.headers.set(DEMO_CLIENT_HEADER, this.name);
    else
      context.options = {
        ...options,
        headers: { ...(options.headers as Record<string, string> | undefined), [DEMO_CLIENT_HEADER]: this.name },
      };
    await this.next!.execute(context);
  }
}
