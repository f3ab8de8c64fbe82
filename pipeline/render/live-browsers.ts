/**
 * The browsers a process has open, so the CLI can close them on Ctrl-C. Kept apart from browser.ts so
 * that commands which never render (check, import) do not load puppeteer.
 */
const live = new Set<() => Promise<void>>();

export function trackBrowser(close: () => Promise<void>): () => void {
  live.add(close);
  return () => live.delete(close);
}

let stopping = false;

export async function closeAllBrowsers(): Promise<void> {
  stopping = true;
  await Promise.all([...live].map((close) => close()));
}

/** True once the process closed its browsers under a running render: the render's failures are expected. */
export function browsersStopped(): boolean {
  return stopping;
}
