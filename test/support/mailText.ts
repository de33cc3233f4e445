/** How a card's sentence appears inside a sent mail's JSON body: HTML-escaped, then as a JSON string's content. */
export function inMailBody(text: string): string {
  return JSON.stringify(
    text.replace(
      /[&<>"']/g,
      (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
    ),
  ).slice(1, -1);
}
