// The API reference: TypeDoc over the published declarations (dist/*.d.ts, what a TypeScript
// user's editor reads), one module per `exports` entry of package.json that has types, named by its
// import specifier (`royalcms-echo/pusher`).
//
//   node scripts/docs.mjs           writes docs/api/ (HTML; npm run docs builds dist/ first)
//   node scripts/docs.mjs --check   writes nothing; prints a JSON report of TypeDoc's warnings and,
//                                   per entry, the exports without a doc comment; exits 1 if any
//                                   (test/package/api-docs.test.ts reads the report)
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Application, LogLevel, OptionDefaults, ReferenceReflection } from 'typedoc';

const check = process.argv.includes('--check');
const out = 'docs/api';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// Every typed export entry: its import specifier and its ESM declaration file.
const entries = Object.entries(pkg.exports).flatMap(([subpath, target]) => {
  const types = target && typeof target === 'object' ? target.types : undefined;
  const file = typeof types === 'string' ? types : types?.import;
  return file ? [{ specifier: pkg.name + subpath.slice(1), file }] : [];
});
const missingFiles = entries.filter((entry) => !existsSync(entry.file)).map((entry) => entry.file);
if (missingFiles.length > 0) {
  console.error(`docs: ${missingFiles.join(', ')} not found; run npm run build first`);
  process.exit(2);
}

const app = await Application.bootstrapWithPlugins({
  entryPoints: entries.map((entry) => entry.file),
  tsconfig: 'scripts/tsconfig.docs.json',
  out,
  name: `${pkg.name} ${pkg.version}`,
  readme: 'none',
  // The declarations' line numbers in dist/ would not help a reader.
  disableSources: true,
  excludePrivate: true,
  highlightLanguages: [...OptionDefaults.highlightLanguages, 'vue'],
  // Types that appear in public signatures but are not exported (ResolvedOptions, PusherLike, ...)
  // are shown inline; the check is that every export is documented and every {@link} resolves.
  validation: { notExported: false, notDocumented: false, invalidLink: true, rewrittenLink: true },
  logLevel: check ? 'Warn' : 'Info',
  // tsc (npm run typecheck) and test/package/types.test.ts check the types; TypeDoc need not again.
  skipErrorChecking: true,
});

const warnings = [];
const log = app.logger.log.bind(app.logger);
app.logger.log = (message, level) => {
  if (level >= LogLevel.Warn) warnings.push(message.replace(/\x1b\[[0-9;]*m/g, ''));
  if (!check) log(message, level);
};

const project = await app.convert();
if (!project) {
  console.error(check ? JSON.stringify({ warnings }, null, 2) : 'docs: TypeDoc could not convert the declarations');
  process.exit(1);
}
// TypeDoc names each module after its file (index, socketio, ...); readers import a specifier.
const specifierOf = new Map(entries.map((entry) => [basename(entry.file, '.d.ts'), entry.specifier]));
for (const module of project.children ?? []) module.name = specifierOf.get(module.name) ?? module.name;
app.validate(project);

// A declaration is documented when it, one of its signatures, or the signatures of its function
// type carry a comment; a re-export (ReferenceReflection) is checked where it is declared.
const documented = (reflection) =>
  reflection.hasComment() ||
  (reflection.signatures ?? []).some((signature) => signature.hasComment()) ||
  (reflection.type?.type === 'reflection' && (reflection.type.declaration.signatures ?? []).some((signature) => signature.hasComment()));

const modules = {};
for (const module of project.children ?? []) {
  const declared = (module.children ?? []).filter((child) => !(child instanceof ReferenceReflection));
  modules[module.name] = {
    exports: (module.children ?? []).length,
    undocumented: declared.filter((child) => !documented(child)).map((child) => child.name),
  };
}
const failed = warnings.length > 0 || app.logger.hasErrors() || Object.values(modules).some((m) => m.undocumented.length > 0);

if (check) {
  console.log(JSON.stringify({ warnings, modules }, null, 2));
} else {
  for (const [name, { undocumented }] of Object.entries(modules)) {
    if (undocumented.length > 0) console.error(`docs: ${name}: no doc comment on ${undocumented.join(', ')}`);
  }
  await app.generateDocs(project, out);
  console.log(`docs: ${out}/index.html`);
}
process.exit(failed ? 1 : 0);
