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
} as const;

/** Output names, as in action.yml. */
export const Output = {
  RewrittenFiles: 'rewritten-files',
  Images: 'images',
  Unpinned: 'unpinned',
} as const;
