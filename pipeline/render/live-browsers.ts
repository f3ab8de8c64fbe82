/**
 * The browsers a process has open, so the CLI can close them on Ctrl-C. Kept apart from browser.ts so
 * that commands which never render (check, import) do not load puppeteer.
 */
const live = new Set<() => Promise<void>>();

export function trackBrowser(close: () => Promise<void>): () => void {
  live.add(close);
  return () => live.delete(close);
}

export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...live].map((close) => close()));
}
