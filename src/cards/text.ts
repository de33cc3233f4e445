/** An Adaptive Card as readable plain text (the CLI, logs of tests): titles, facts, rows and buttons. */

type Element = Record<string, unknown>;

export function cardToText(card: Element, indent = ''): string {
  const lines: string[] = [];
  const walk = (items: unknown, pad: string) => {
    for (const item of (Array.isArray(items) ? items : []) as Element[]) {
      switch (item.type) {
        case 'TextBlock':
          lines.push(
            ...text(item.text)
              .split('\n')
              .map((l) => pad + l),
          );
          break;
        case 'FactSet':
          for (const f of (item.facts ?? []) as Element[]) lines.push(`${pad}${text(f.title)}: ${text(f.value)}`);
          break;
        case 'ColumnSet':
          lines.push(pad + ((item.columns ?? []) as Element[]).map((c) => collect(c.items)).join(' | '));
          break;
        case 'Container':
          walk(item.items, pad);
          break;
        case 'ActionSet':
          actions(item.actions, pad);
          break;
        default:
          // Teams-only elements (charts): what other clients show, their fallback.
          if (
            typeof item.type === 'string' &&
            item.type.startsWith('Chart.') &&
            item.fallback &&
            typeof item.fallback === 'object'
          )
            walk([item.fallback], pad);
          break;
        case 'Input.Text':
          lines.push(`${pad}[input: ${text(item.label ?? item.id)}]`);
          break;
      }
    }
  };
  const actions = (list: unknown, pad: string) => {
    for (const a of (Array.isArray(list) ? list : []) as Element[]) {
      const verb = a.verb ? ` (${text(a.verb)})` : a.url ? ` → ${text(a.url)}` : '';
      lines.push(`${pad}[${text(a.title)}]${verb}`);
      if (a.type === 'Action.ShowCard' && a.card) lines.push(cardToText(a.card as Element, pad + '    '));
    }
  };
  walk(card.body, indent);
  actions(card.actions, indent);
  return lines.join('\n');
}

function collect(items: unknown): string {
  return ((Array.isArray(items) ? items : []) as Element[]).map((i) => text(i.text)).join(' ');
}

/** A card field as text: strings and numbers as they are, anything else (missing, objects) as nothing. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Every Action.Execute in a card (nested ones included), in order. */
export function executeActions(card: Element): { verb: string; title: string; data: Record<string, unknown> }[] {
  const found: { verb: string; title: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const el = node as Element;
      if (el.type === 'Action.Execute')
        found.push({
          verb: String(el.verb),
          title: String(el.title),
          data: (el.data ?? {}) as Record<string, unknown>,
        });
      Object.values(el).forEach(visit);
    }
  };
  visit(card);
  return found;
}
