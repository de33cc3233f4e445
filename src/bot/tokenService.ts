/**
 * The Bot Framework authentication with the Token Service at an address known only once it runs (the
 * demo tenant's imitation on a loopback port): everything is the configured authentication's, but
 * the UserTokenClient of a turn — botframework-connector's own, unchanged — talks to `oauthUrl()`.
 * Production passes no such address and keeps the ConfigurationBotFrameworkAuthentication as it is.
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
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

export class TokenServiceAuthentication extends BotFrameworkAuthentication {
  private withTokenService?: Promise<BotFrameworkAuthentication>;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly settings: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly oauthUrl: () => Promise<string>,
  ) {
    super();
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

  async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // Setting the OAuth URL makes botframework-connector expect every URL: the public cloud's for the rest.
    this.withTokenService ??= this.oauthUrl().then(
      (url) =>
        new ConfigurationBotFrameworkAuthentication({
          ...this.settings,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: url,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        }),
    );
    return (await this.withTokenService).createUserTokenClient(claimsIdentity);
  }
}
