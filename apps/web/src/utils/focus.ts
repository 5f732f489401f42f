/**
 * Moves focus to the first invalid field: UI5 shows a field's valueStateMessage only while it has focus, and
 * keyboard users land where the fix is needed.
 */
export function focusFirstInvalid(ids: string[]): void {
  const first = ids.map((id) => document.getElementById(id)).find((el) => el !== null);
  // After React has rendered the Negative state, so the message popover opens with the right text.
  if (first) requestAnimationFrame(() => first.focus());
}
