// Changesets' changelog lines for CHANGELOG.md (Keep a Changelog): each changeset's summary starts
// with its category, e.g. "Fixed: whisper() on a left channel is refused"; scripts/changelog.mjs
// then puts the lines under "### Fixed" and friends (npm run release:version runs both).
const CATEGORIES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

async function getReleaseLine(changeset) {
  const summary = changeset.summary.trim();
  const category = /^(\w+):\s/.exec(summary)?.[1];
  if (!category || !CATEGORIES.includes(category)) {
    throw new Error(
      `.changeset/${changeset.id}.md: start the summary with its category (${CATEGORIES.join(', ')}), ` +
        `e.g. "Fixed: ...", so CHANGELOG.md keeps its Keep a Changelog sections; got ${JSON.stringify(summary.split('\n')[0])}`,
    );
  }
  const [first, ...rest] = summary.split('\n');
  return `- ${first}${rest.map((line) => (line.trim() ? `\n  ${line}` : '\n')).join('')}`;
}

// A single package: no dependency bumps to report.
const getDependencyReleaseLine = async () => '';

module.exports = { getReleaseLine, getDependencyReleaseLine };
