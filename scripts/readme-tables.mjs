// Writes the README's input and output tables from action.yml, between the markers
// <!-- inputs:start --> … <!-- inputs:end --> and <!-- outputs:start --> … <!-- outputs:end -->.
// With --check it only reports whether the README is up to date (exit 1 when not).
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const action = YAML.parse(readFileSync('action.yml', 'utf8'));
const flat = (text) =>
  text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
const shown = (value) => (value === '' || value === undefined ? '' : `\`${value}\``);

const inputs = [
  '| input | default | what it does |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, i]) => `| \`${name}\` | ${shown(i.default)} | ${flat(i.description)} |`,
  ),
].join('\n');
const outputs = [
  '| output | what it holds |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${flat(o.description)} |`),
].join('\n');

function place(text, name, table) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
}

const readme = readFileSync('README.md', 'utf8');
const fresh = place(place(readme, 'inputs', inputs), 'outputs', outputs);
if (process.argv.includes('--check')) {
  if (fresh !== readme) {
    console.error('README.md tables differ from action.yml: run npm run readme');
    process.exit(1);
  }
} else if (fresh !== readme) {
  writeFileSync('README.md', fresh);
}
