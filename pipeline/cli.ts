/**
 * folio's command line: argv -> commands. The only module that reads `process`; every command gets an
 * `Io` and returns its exit code. Built on commander (the most used, dependency-free Node CLI library).
 */
import { Command, CommanderError, Option } from 'commander';
import { EDITIONS } from './book/types.ts';
import { browsersStopped, closeAllBrowsers } from './render/live-browsers.ts';
import { EXIT, UsageError, type Io } from './io.ts';

const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Commander ignores what an action returns: each action stores its exit code here. */
let exitCode: number = EXIT.ok;
const exitWith = (code: number) => {
  exitCode = code;
};

const program = new Command('folio')
  .description('Markdown manuscript -> print PDF, EPUB 3 and HTML editions, with Chinese typography done right')
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({ writeErr: (text) => io.err(text) });

program
  .command('import')
  .description('convert a Word export (Markdown/text) into a folio manuscript folder, or add its reports to one')
  .argument('<export>', 'the Word export, e.g. ../shared/seeds/000_d37a9f7b7d1dca79.txt')
  .option('--out <dir>', 'new manuscript folder to write (book.yaml + chapters/)')
  .option('--into <dir>', "existing manuscript folder: add the export's reports to it, each at its place in book.yaml's plan")
  .option('--force', 'overwrite an existing manuscript folder (--out), or replace a chapter already written (--into)')
  .action(async (exportPath: string, options: { out?: string; into?: string; force?: boolean }) => {
    const { runImport } = await import('./import/command.ts');
    exitWith(await runImport(io, { exportPath, ...options }));
  });

program
  .command('check')
  .description('validate a manuscript (or single Markdown files) and report what is wrong, where')
  .argument('[paths...]', 'manuscript folders (with book.yaml) or Markdown files', ['manuscript'])
  .addOption(new Option('--format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
  .option('--fix', 'apply the safe fixes in place, then report what is left')
  .option('--strict', 'treat warnings as errors (exit 1)')
  .action(async (paths: string[], options: { format: 'stylish' | 'json' | 'sarif' | 'github'; fix?: boolean; strict?: boolean }) => {
    const { runCheck } = await import('./check/command.ts');
    exitWith(await runCheck(io, { paths, ...options }));
  });

program
  .command('build')
  .description('build the editions of a manuscript')
  .option('--manuscript <dir>', 'manuscript folder', 'manuscript')
  .option('--out <dir>', 'output folder', 'dist')
  .addOption(new Option('--edition <name...>', 'edition to build (repeatable; default: all)').choices([...EDITIONS]))
  .option('--print-marks', 'PDF: 3 mm bleed, crop marks, TrimBox and BleedBox for the printer')
  .action(async (options: { manuscript: string; out: string; edition?: (typeof EDITIONS)[number][]; printMarks?: boolean }) => {
    const { runBuild } = await import('./build.ts');
    exitWith(await runBuild(io, { ...options, editions: options.edition ?? [...EDITIONS] }));
  });

program
  .command('preview')
  .description('serve the HTML edition on 127.0.0.1 and reload it when the manuscript changes')
  .option('--manuscript <dir>', 'manuscript folder', 'manuscript')
  .option('--port <n>', 'port', '4321')
  .action(async (options: { manuscript: string; port: string }) => {
    const { runPreview } = await import('./preview/command.ts');
    exitWith(await runPreview(io, options));
  });

async function main(argv: string[]): Promise<number> {
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeErr: (text) => io.err(text) });
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every usage mistake exits 2 with commander's one-line message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(`folio: ${error.message}\n`);
      return EXIT.usage;
    }
    const detail = io.env.FOLIO_DEBUG ? `\n${(error as Error).stack}` : ' (set FOLIO_DEBUG=1 for details)';
    io.err(`folio: internal error: ${(error as Error).message}${detail}\n`);
    return EXIT.failed;
  }
}

// A promise nobody awaited failed: one line, never a stack trace. After a render was stopped on purpose
// (time bound, Ctrl-C), the browser calls it still had under way fail by design: nothing to say.
process.on('unhandledRejection', (reason) => {
  if (browsersStopped()) return;
  const detail = io.env.FOLIO_DEBUG ? `\n${(reason as Error)?.stack}` : ' (set FOLIO_DEBUG=1 for details)';
  io.err(`folio: internal error: ${(reason as Error)?.message ?? String(reason)}${detail}\n`);
  process.exitCode = Math.max(Number(process.exitCode ?? 0), EXIT.failed);
});

// A reader that stops reading (`folio check | head`) closes the pipe: stop writing, quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? exitCode);
  });
}

// Ctrl-C or a termination mid-build: close Chromium (and its children) before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    io.err(`\nfolio: interrupted (${signal}); stopping\n`);
    void closeAllBrowsers().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

process.exitCode = await main(process.argv);
