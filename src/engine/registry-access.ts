import {
  dockerHubEndpoints,
  isDockerHubHost,
  isInsecureHost,
  loadDockerConfigCredentials,
  RegistryClient,
  type Credentials,
  type DebugLog,
} from '../registry/index.js';

/** How to reach registries in one run: insecure hosts, Docker Hub login, logging. */
export interface RegistryAccessOptions {
  env: NodeJS.ProcessEnv;
  /** Hosts (`host[:port]`, or IPv4 CIDRs) spoken to over plain HTTP. */
  insecureRegistries: string[];
  /** Docker Hub login from inputs; other registries use `~/.docker/config.json`. */
  dockerHub?: Credentials | undefined;
  timeoutMs?: number | undefined;
  log?: DebugLog | undefined;
}

/**
 * One registry client per host for the whole run, so tokens are fetched once per scope.
 * Credentials come from the inputs for Docker Hub and from the Docker config otherwise;
 * each client only ever sends its own host's credentials.
 */
export class RegistryAccess {
  private readonly clients = new Map<string, Promise<RegistryClient>>();

  constructor(private readonly options: RegistryAccessOptions) {}

  /** The client of `host`, created on first use. */
  client(host: string): Promise<RegistryClient> {
    let client = this.clients.get(host);
    if (client === undefined) {
      client = this.create(host);
      this.clients.set(host, client);
    }
    return client;
  }

  /** Creates the clients of `hosts` now and returns a synchronous lookup over them. */
  async clientsFor(hosts: Iterable<string>): Promise<(host: string) => RegistryClient> {
    const ready = new Map<string, RegistryClient>();
    for (const host of new Set(hosts)) ready.set(host, await this.client(host));
    return (host) => {
      const client = ready.get(host);
      if (client === undefined) throw new Error(`no registry client prepared for ${host}`);
      return client;
    };
  }

  private async create(host: string): Promise<RegistryClient> {
    const { env, dockerHub } = this.options;
    const credentials =
      isDockerHubHost(host) && dockerHub !== undefined
        ? dockerHub
        : await loadDockerConfigCredentials(host, env).catch(() => undefined);
    return new RegistryClient(host, {
      credentials,
      insecure: isInsecureHost(host, this.options.insecureRegistries),
      timeoutMs: this.options.timeoutMs ?? 15_000,
      dockerHub: dockerHubEndpoints(env),
      log: this.options.log,
      userAgent: 'hubcap',
    });
  }
}
