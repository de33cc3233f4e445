/**
 * The Bot Framework authentication with the Token Service somewhere else (the demo tenant's
 * imitation): everything is the configured authentication's, but the UserTokenClient of a turn —
 * botframework-connector's own, unchanged — talks to `tokenService.url`, through
 * `tokenService.httpClient` when given (the in-process demo tenant). Only the UserTokenClient gets
 * that HTTP client; replies to Teams keep the connector's own. Production passes no Token Service
 * and keeps the ConfigurationBotFrameworkAuthentication as it is.
 */
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClientOptions,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

export class TokenServiceAuthentication extends BotFrameworkAuthentication {
  private readonly withTokenService: BotFrameworkAuthentication;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    settings: ConfigurationBotFrameworkAuthenticationOptions,
    tokenService: TokenServiceAddress,
  ) {
    super();
    // Setting the OAuth URL makes botframework-connector expect every URL: the public cloud's for the rest.
    this.withTokenService = new ConfigurationBotFrameworkAuthentication(
      {
        ...settings,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: tokenService.url,
        CallerId: CallerIdConstants.PublicAzureChannel,
        ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      },
      undefined,
      undefined,
      undefined,
      tokenService.httpClient ? ({ httpClient: tokenService.httpClient } as ConnectorClientOptions) : undefined,
    );
  }

  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader);
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.withTokenService.createUserTokenClient(claimsIdentity);
  }
}

/** Where the Token Service answers, and (in-process demo) the HTTP client that reaches it. */
export interface TokenServiceAddress {
  url: string;
  httpClient?: unknown;
}
