/**
 * The comment box and ticket buttons under an answer (summary and intrusion cards): "Open support
 * ticket", and before it "This wasn't me" when the answer says the person may not have made the sign-ins.
 */
import { execute, type Element } from './elements';
import type { Wording } from './wording';

/** The id of the comment box; the ticket button's data names it (`commentId`) so the comment travels along. */
export const COMMENT_INPUT = 'comment';

export function ticketControls(
  w: Wording,
  data: Record<string, unknown>,
  options: { notMe: boolean; primaryStyle?: 'positive' },
): Element[] {
  const withComment = { ...data, commentId: COMMENT_INPUT };
  return [
    {
      type: 'Input.Text',
      id: COMMENT_INPUT,
      label: w.commentLabel,
      isMultiline: false,
      maxLength: 1000,
      spacing: 'Medium',
    },
    {
      type: 'ActionSet',
      actions: [
        ...(options.notMe
          ? [execute(w.intrusion.notMe, 'openTicket', { ...withComment, notMe: true }, { style: 'destructive' })]
          : []),
        execute(
          w.openTicket,
          'openTicket',
          withComment,
          options.primaryStyle ? { style: options.primaryStyle } : undefined,
        ),
      ],
    },
  ];
}
