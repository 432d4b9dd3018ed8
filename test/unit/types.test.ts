// Compile-time contracts, checked by compiling small consumer programs against src with the
// project's strict compiler options (vitest itself does not type-check).

import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = decodeURIComponent(new URL('../..', import.meta.url).pathname).replace(/\/$/, '');
const dir = root + '/test/unit/__consumer__';

const programs: Record<string, string> = {
  'axios.ts': `
    import axios from 'axios';
    import { Echo } from '../../../src/index';
    new Echo<'null'>({ broadcaster: 'null', axios });
    new Echo<'null'>({ broadcaster: 'null', axios: axios.create() });
    new Echo<'null'>({ broadcaster: 'null', axios: [axios, axios.create({ baseURL: '/api' })] });
  `,
  'null-parity.ts': `
    import { Echo } from '../../../src/index';
    const cb = (payload: unknown) => void payload;
    const channel = new Echo<'null'>({ broadcaster: 'null' }).join('room');
    channel.stopListening('A', cb).off('raw', cb).stopListeningToAll(() => {}).stopHere(cb).stopJoining(cb).stopLeaving(cb);
  `,
  'no-public-whisper.ts': `
    import { Echo } from '../../../src/index';
    const echo = new Echo<'pusher'>({ broadcaster: 'pusher', key: 'k', cluster: 'mt1' });
    // @ts-expect-error a public channel has no whisper()
    echo.channel('chat').whisper('typing', {});
    echo.private('chat').whisper('typing', {});
  `,
};

let diagnostics: Record<string, string[]>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(root + '/tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options: ts.CompilerOptions = { ...config?.options, noEmit: true, declaration: false, sourceMap: false };
  const virtual = new Map(Object.entries(programs).map(([name, text]) => [dir + '/' + name, text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  diagnostics = {};
  for (const [file] of virtual) {
    const source = program.getSourceFile(file);
    diagnostics[file.slice(dir.length + 1)] = ts
      .getPreEmitDiagnostics(program, source)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0] ?? '');
  }
}, 60_000);

describe('types', () => {
  it('options.axios accepts the axios default export and axios.create() instances', () => {
    expect(diagnostics['axios.ts']).toEqual([]);
  });

  it("null channels take the same arguments as the other drivers' channels", () => {
    expect(diagnostics['null-parity.ts']).toEqual([]);
  });

  it('a public channel has no whisper() in its type; a private one has', () => {
    expect(diagnostics['no-public-whisper.ts']).toEqual([]);
  });
});
