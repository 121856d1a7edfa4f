import packageJson from '../../package.json' with { type: 'json' };

/** The version of hubcap, from package.json (bundled into dist/). */
export const VERSION: string = packageJson.version;
