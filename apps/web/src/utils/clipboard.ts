/** navigator.clipboard needs a secure context; on plain http (e.g. an intranet host) it is undefined. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
