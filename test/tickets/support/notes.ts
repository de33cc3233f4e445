/** The ticket follow-ups still to send in a state store (src/tickets/notes.ts: a sent one is kept a while, marked sent). */
import type { StateStore } from '../../../src/state/types';

export async function unsentNotes(state: StateStore): Promise<number> {
  const items = await Promise.all(
    (await state.names('ticket-notes')).map((name) => state.get<{ sent?: boolean }>(`ticket-notes/${name}`)),
  );
  return items.filter((item) => item && !item.value.sent).length;
}
