/** Remembers, per tab, the build a reload was made for: one reload per build, never a loop. */
const RELOADED_FOR = 'tcc.reloadedForEntry';

/** The entry script an index.html names: Vite puts the build's content hash in its name. */
function entryScript(document: Document): string | undefined {
  const src = document.querySelector('script[type="module"][src]')?.getAttribute('src');
  return src ? new URL(src, location.href).href : undefined;
}

/**
 * Called when a chunk failed to load. A deploy replaces the hashed chunks, so a tab opened before it asks for files
 * that are gone (the server answers 404): only a reload gets the new build. Told apart from a network blip by asking
 * for index.html: when it names another entry script than the one running, a new build is out, and the page reloads,
 * once per build (sessionStorage), so that a build whose own chunks fail does not reload for ever. Otherwise (same
 * build, or the server unreachable) the error page stays, and the next visit or "Try again" loads the chunk anew.
 */
export async function reloadIfRedeployed(): Promise<void> {
  let served: string | undefined;
  try {
    const response = await fetch('/', { cache: 'no-store', headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    served = entryScript(new DOMParser().parseFromString(await response.text(), 'text/html'));
  } catch {
    return;
  }
  if (!served || served === entryScript(document) || sessionStorage.getItem(RELOADED_FOR) === served) return;
  sessionStorage.setItem(RELOADED_FOR, served);
  location.reload();
}
