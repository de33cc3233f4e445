/** Production token source for Graph: client secret, certificate or managed identity (@azure/identity). */
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';

export function graphCredential(graph: Config['graph']): TokenCredential {
  if (graph.clientSecret) return new ClientSecretCredential(graph.tenantId, graph.clientId, graph.clientSecret);
  if (graph.certificatePath) {
    return new ClientCertificateCredential(graph.tenantId, graph.clientId, {
      certificatePath: graph.certificatePath,
      certificatePassword: graph.certificatePassword,
    });
  }
  return new ManagedIdentityCredential({ clientId: graph.clientId });
}

export function graphAuthProvider(graph: Config['graph']): AuthenticationProvider {
  return new TokenCredentialAuthenticationProvider(graphCredential(graph), { scopes: [`${graph.endpoint}/.default`] });
}
