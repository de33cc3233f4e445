/**
 * Every call to the Bot Framework connector has a time limit: a turn's replies, proactive posts
 * and updates (late answers, incident alerts), member look-ups. The limit is put on every connector
 * client the adapter gets (for a turn and for a proactive message), so no call is made without it;
 * at the limit the request is aborted (its connection closed) and the call fails with
 * ConnectorTimeout. A connector that accepts a request and never answers then costs that long, not
 * a turn, a late answer or a shutdown held open for good.
 *
 * (ConnectorClientOptions' requestPolicyFactories cannot carry it: the connector factory replaces them.)
 */
import type {
  AuthenticateRequestResult,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
} from 'botframework-connector';

/** Default limit of one connector call. */
export const CONNECTOR_TIMEOUT_MS = 10_000;

/** The connector did not answer within the limit: the call may or may not have arrived. */
export class ConnectorTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The Bot Framework connector did not answer within ${timeoutMs} ms.`);
    this.name = 'ConnectorTimeout';
  }
}

/** The authentication as the adapter uses it, with every connector client it hands out limited to `timeoutMs`. */
export function withConnectorTimeout(auth: BotFrameworkAuthentication, timeoutMs: number): BotFrameworkAuthentication {
  const limitFactory = (factory: ConnectorFactory): ConnectorFactory => ({
    create: async (serviceUrl: string, audience?: string) =>
      limitClient(await factory.create(serviceUrl, audience), timeoutMs),
  });
  return new Proxy(auth, {
    get(target, property) {
      if (property === 'createConnectorFactory')
        return (identity: ClaimsIdentity) => limitFactory(target.createConnectorFactory(identity));
      if (property === 'authenticateRequest')
        return async (...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) => {
          const result: AuthenticateRequestResult = await target.authenticateRequest(...args);
          return result.connectorFactory
            ? { ...result, connectorFactory: limitFactory(result.connectorFactory) }
            : result;
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Every operation of the client (conversations, members, attachments) within `timeoutMs`, its token included. */
function limitClient(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (args, spec, callback) => {
    const options = { ...args.options };
    // The HTTP client closes the request at the limit; the race covers getting its token too.
    if (!(options.timeout !== undefined && options.timeout > 0 && options.timeout <= timeoutMs))
      options.timeout = timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectorTimeout(timeoutMs)), timeoutMs);
    });
    return Promise.race([send({ ...args, options }, spec, callback), expired]).finally(() => clearTimeout(timer));
  };
  return client;
}
