/** Text shown on a map (names typed by users, numbers): always as text, never as HTML. */
export function textElement(text: string): HTMLElement {
  const span = document.createElement('span')
  span.textContent = text
  return span
}
