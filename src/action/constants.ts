/** Input names, as in action.yml. */
export const Input = {
  Mirror: 'mirror',
  Rules: 'rules',
  Files: 'files',
  ExcludeFiles: 'exclude-files',
  Exclude: 'exclude',
  Rewrite: 'rewrite',
  FailOn: 'fail-on',
  WorkingDirectory: 'working-directory',
  VerifyMirror: 'verify-mirror',
  InsecureRegistries: 'insecure-registries',
  Quota: 'quota',
  QuotaWarnBelow: 'quota-warn-below',
  QuotaFailBelow: 'quota-fail-below',
  DockerHubUsername: 'dockerhub-username',
  DockerHubToken: 'dockerhub-token',
  Pin: 'pin',
  Comment: 'comment',
  GitHubToken: 'github-token',
  AllowedRegistries: 'allowed-registries',
  Cache: 'cache',
  CacheBackend: 'cache-backend',
  CacheMaxSize: 'cache-max-size',
  Load: 'load',
} as const;

/** Output names, as in action.yml. */
export const Output = {
  RewrittenFiles: 'rewritten-files',
  Images: 'images',
  Unpinned: 'unpinned',
  QuotaLimit: 'quota-limit',
  QuotaRemaining: 'quota-remaining',
  QuotaWindowSeconds: 'quota-window-seconds',
  QuotaSource: 'quota-source',
  PullsUsed: 'pulls-used',
  Pins: 'pins',
  Comment: 'comment-url',
  CacheHit: 'cache-hit',
  BytesPulled: 'bytes-pulled',
} as const;

/** Keys of the state the main step leaves for the post step (never secrets). */
export const State = {
  QuotaBefore: 'quota-before',
  LayerCache: 'layer-cache',
} as const;
