import type { Page } from 'playwright-core';

// Times a UI action inside the page: from running `act` until `done` holds, checked on every DOM change.

export function timeInPage(page: Page, act: string, done: string): Promise<number> {
  return page.evaluate(
    ([actSource, doneSource]) =>
      new Promise<number>((resolveTime, reject) => {
        const check = new Function(`return (${doneSource})`) as () => boolean;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          resolveTime(performance.now() - started);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        (new Function(actSource) as () => void)();
        setTimeout(() => reject(new Error(`timed out waiting for ${doneSource}`)), 20_000);
      }),
    [act, done] as const,
  );
}
