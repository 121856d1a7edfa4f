/** The OCI distribution client: one import for the rest of the project. */
export type { AuthChallenge, AuthScope } from './auth-challenge.js';
export { parseScope, parseWwwAuthenticate, pullScope, splitScopes } from './auth-challenge.js';
export type { BlobDownload, BlobOptions, BlobResume } from './blobs.js';
export type { PingResult, RegistryClientOptions, ResolvedImage } from './client.js';
export { RegistryClient } from './client.js';
export type { Credentials, DockerConfig } from './credentials.js';
export {
  canonicalRegistryHost,
  findDockerConfigCredentials,
  isDockerHubHost,
  loadDockerConfigCredentials,
} from './credentials.js';
export { computeDigest, isDigest } from './digest.js';
export type { DockerHubEndpoints } from './endpoints.js';
export {
  DOCKER_HUB_AUTH,
  DOCKER_HUB_REGISTRY,
  DOCKER_HUB_SERVICE,
  dockerHubEndpoints,
  isInsecureHost,
  isLoopbackHost,
  registryBaseUrl,
} from './endpoints.js';
export type { RegistryErrorKind } from './errors.js';
export { RegistryError } from './errors.js';
export type { DebugLog } from './http.js';
export type { HttpTransport, TransportRequest, TransportResponse } from './transport.js';
export { undiciTransport } from './transport.js';
export { defaultPlatform, parsePlatform, platformString, selectManifest } from './platform.js';
export type {
  Descriptor,
  FetchedManifest,
  ImageIndex,
  ImageManifest,
  ManifestHead,
  Platform,
} from './types.js';
export { MANIFEST_ACCEPT, MEDIA_TYPES } from './types.js';
