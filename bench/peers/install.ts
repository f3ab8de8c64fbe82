/**
 * The peers folio is measured against, found on the machine or installed by the bench itself:
 * pandoc and WeasyPrint from Debian (apt-get, when running as root), pagedjs-cli from npm into a
 * cache folder (its own puppeteer is pointed at Debian's Chromium: no browser download).
 * A peer that cannot be had is reported with the reason and its cases are skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
/** pagedjs-cli 0.4.3 bundles Paged.js 0.4.3, the version folio uses. */
const PAGEDJS_CLI = 'pagedjs-cli@0.4.3';

export type Peer = { available: true; command: string; version: string } | { available: false; reason: string };

export interface Peers {
  pandoc: Peer;
  weasyprint: Peer;
  pagedjs: Peer;
  chromium: Peer;
}

export function findPeers(cacheDir: string, log: (line: string) => void): Peers {
  return {
    pandoc: debianTool('pandoc', 'pandoc', log),
    weasyprint: debianTool('weasyprint', 'weasyprint', log),
    pagedjs: pagedjsCli(cacheDir, log),
    chromium: existsSync(CHROMIUM)
      ? { available: true, command: CHROMIUM, version: versionOf(CHROMIUM) }
      : { available: false, reason: `${CHROMIUM} is not installed` },
  };
}

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function versionOf(command: string, args = ['--version']): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, HOME: process.env.HOME ?? '/tmp' } });
  const line = `${result.stdout}${result.stderr}`.split('\n').find((l) => /\d+\.\d+/.test(l)) ?? '';
  return /\d+(\.\d+)+/.exec(line)?.[0] ?? 'unknown';
}

function debianTool(command: string, debianPackage: string, log: (line: string) => void): Peer {
  let path = which(command);
  if (!path) {
    if (process.getuid?.() !== 0) return { available: false, reason: `${command} is not installed (apt-get install ${debianPackage} needs root)` };
    log(`bench: installing ${debianPackage} from Debian…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], { env, encoding: 'utf8' });
    let result = install();
    if (result.status !== 0) {
      // stale package lists are the usual reason on a fresh machine
      spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
      result = install();
    }
    path = which(command);
    if (!path) return { available: false, reason: `apt-get install ${debianPackage} failed: ${lastLine(result.stderr)}` };
  }
  return { available: true, command: path, version: versionOf(path) };
}

function pagedjsCli(cacheDir: string, log: (line: string) => void): Peer {
  const bin = join(cacheDir, 'node_modules', '.bin', 'pagedjs-cli');
  if (!existsSync(bin)) {
    log(`bench: installing ${PAGEDJS_CLI} into ${cacheDir}…`);
    mkdirSync(cacheDir, { recursive: true });
    try {
      execFileSync('npm', ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--no-save', PAGEDJS_CLI], {
        env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      return { available: false, reason: `npm install ${PAGEDJS_CLI} failed: ${lastLine(String((error as { stderr?: Buffer }).stderr ?? error))}` };
    }
  }
  if (!existsSync(bin)) return { available: false, reason: `${PAGEDJS_CLI} installed no pagedjs-cli binary` };
  return { available: true, command: bin, version: PAGEDJS_CLI.split('@')[1]! };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
