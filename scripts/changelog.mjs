// Puts what `changeset version` added to CHANGELOG.md into Keep a Changelog form; npm run
// release:version runs it right after. Changesets writes "## 0.2.0" with "### Minor Changes" /
// "### Patch Changes" lists right under the title (above the introduction); this makes it
// "## [0.2.0] - <date>" with the lines grouped under Added, Changed, ... (the category each summary
// starts with, see .changeset/changelog.cjs), puts the introduction back under the title and adds
// the version's link at the bottom. Sections already in the form are kept as they are, so running
// it again changes nothing.
//
//   node scripts/changelog.mjs [CHANGELOG.md]     (RELEASE_DATE=YYYY-MM-DD overrides today, UTC)
import { readFileSync, writeFileSync } from 'node:fs';

const CATEGORIES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
const file = process.argv[2] ?? 'CHANGELOG.md';
const date = process.env.RELEASE_DATE ?? new Date().toISOString().slice(0, 10);
const { name } = JSON.parse(readFileSync('package.json', 'utf8'));
const link = (version) => `[${version}]: https://www.npmjs.com/package/${name}/v/${version}`;

const lines = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
const title = lines.shift();
if (!title?.startsWith('# ')) throw new Error(`${file}: the first line must be the title ("# Changelog")`);

const intro = [];
const links = [];
const sections = []; // { heading, body: string[] } in file order
for (const line of lines) {
  if (/^\[[^\]]+\]: /.test(line)) links.push(line);
  else if (line.startsWith('## ')) sections.push({ heading: line, body: [] });
  else if (sections.length === 0) intro.push(line);
  else sections[sections.length - 1].body.push(line);
}

// A section Changesets wrote: its list items by category; any other paragraph in it is the
// introduction that Changesets' insertion pushed down.
function convert(version, body) {
  const items = Object.fromEntries(CATEGORIES.map((category) => [category, []]));
  let item = null;
  for (const line of body) {
    if (line.startsWith('- ')) {
      const match = /^- (\w+):\s+([\s\S]*)$/.exec(line);
      const category = match && CATEGORIES.includes(match[1]) ? match[1] : null;
      if (!category) throw new Error(`${file}: "${line}" in ${version} names no category (${CATEGORIES.join(', ')})`);
      item = [`- ${match[2]}`];
      items[category].push(item);
    } else if (item && (line.startsWith('  ') || line === '')) {
      item.push(line);
    } else if (line.startsWith('### ')) {
      item = null;
    } else if (line.trim()) {
      item = null;
      intro.push(line);
    }
  }
  const out = [`## [${version}] - ${date}`, ''];
  for (const category of CATEGORIES) {
    if (items[category].length === 0) continue;
    out.push(`### ${category}`, '');
    for (const entry of items[category]) out.push(...trimEnd(entry));
    out.push('');
  }
  return out;
}

function trimEnd(block) {
  const copy = [...block];
  while (copy.length > 0 && copy[copy.length - 1].trim() === '') copy.pop();
  return copy;
}

const body = [];
for (const { heading, body: lines } of sections) {
  const fresh = /^## (\d+\.\d+\.\d+\S*)\s*$/.exec(heading);
  if (fresh) {
    body.push(...trimEnd(convert(fresh[1], lines)), '');
    if (!links.some((line) => line.startsWith(`[${fresh[1]}]:`))) links.unshift(link(fresh[1]));
  } else {
    body.push(heading, ...trimEnd(lines), '');
  }
}
const out = [title, '', ...intro.join('\n').trim().split('\n'), '', ...body, ...links];
writeFileSync(file, `${trimEnd(out).join('\n')}\n`);
