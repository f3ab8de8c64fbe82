/**
 * Watches the folders of a manuscript (book.yaml's folder and each chapter's) and reports each changed
 * Markdown or YAML file once its writes have settled: editors save in several steps (truncate, write,
 * rename), which fire several events within a few milliseconds. Folders are watched rather than files
 * (and not with `recursive`, which on Linux follows inodes in Node 20): a save that replaces the file
 * (write to a temporary, then rename) would end a watch on the file itself.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';

const SETTLE_MS = 25;
const RELEVANT = /\.(md|markdown|ya?ml)$/i;

export interface ManuscriptWatcher {
  /** Starts watching folders not watched yet (after book.yaml lists a chapter in a new folder). */
  add(dirs: string[]): void;
  close(): void;
}

export function watchFolders(dirs: string[], onChange: (path: string) => void): ManuscriptWatcher {
  const timers = new Map<string, NodeJS.Timeout>();
  const watchers = new Map<string, FSWatcher>();
  const changed = (path: string) => {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        onChange(path);
      }, SETTLE_MS),
    );
  };
  const add = (folders: string[]) => {
    for (const dir of folders.map((d) => resolve(d))) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      watchers.set(
        dir,
        watch(dir, (_event, name) => {
          if (name && RELEVANT.test(name)) changed(join(dir, name));
        }),
      );
    }
  };
  add(dirs);
  return {
    add,
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
    },
  };
}
