/**
 * Helpdesk fixes drawn (src/answers/fixes.ts decides them): the fix buttons on a helpdesk answer,
 * the confirmation that names the person, the action and its consequence, and what came of it.
 */
import type { FixAnswer, FixElsewhereAnswer, FixOffer } from '../answers/fixTypes';
import type { Language } from '../shared/types';
import { localDateTime } from '../shared/time';
import { card, execute, heading, plain, subtle, text, type Card, type Element } from './elements';
import { fill, firstName, wording } from './wording';
import { fixDefinition } from '../fixes/catalog';

/** What a fix button carries: the fix, whom, which finding; the server checks all of it again. */
export function fixData(offer: FixOffer, language: Language): Record<string, unknown> {
  return {
    fix: offer.fix,
    userId: offer.targetId,
    signInId: offer.signInId,
    ...(offer.appId ? { appId: offer.appId } : {}),
    ...(offer.country ? { country: offer.country } : {}),
    ...(offer.usualCountry ? { usualCountry: offer.usualCountry } : {}),
    language,
  };
}

/** The fix buttons of a helpdesk answer, under their heading; none: nothing. */
export function fixButtons(offers: FixOffer[] | undefined, language: Language): Element[] {
  if (!offers || offers.length === 0) return [];
  const w = wording(language).fixes;
  // Rows of two: clients cut a longer action set short (five actions by default) and three titles side by side.
  const rows: FixOffer[][] = [];
  for (let i = 0; i < offers.length; i += 2) rows.push(offers.slice(i, i + 2));
  return [
    text(w.heading, { weight: 'Bolder', size: 'Small', spacing: 'Medium' }),
    ...rows.map((row) => ({
      type: 'ActionSet',
      spacing: 'Small',
      actions: row.map((o) => execute(w.button[o.fix], 'fix', fixData(o, language))),
    })),
  ];
}

export function fixCard(answer: FixAnswer, language: Language, timeZone: string): Card {
  const w = wording(language).fixes;
  const names = { name: answer.target.name, first: firstName(answer.target.name) };
  const action = fill(w.action[answer.fix], names);
  const time = (at: Date | string) => localDateTime(new Date(at), timeZone, language);
  const data = fixData(answer.offer, language);
  switch (answer.stage) {
    case 'confirm': {
      const body: Element[] = [heading(plain(fill(w.confirmTitle, { action })))];
      if (answer.fix === 'enableAccount') {
        const said = answer.auditHidden
          ? w.auditHidden
          : answer.disabled
            ? fill(w.disabledBy, { by: answer.disabled.by ?? w.someone, time: time(answer.disabled.at) })
            : w.disabledUnknown;
        body.push(text(plain(said), { weight: 'Bolder' }));
      }
      body.push(text(plain(fill(w.consequence[answer.fix], names))));
      const confirm = execute(w.confirmButton, 'fixConfirm', data, { style: 'destructive' });
      return card(body, [fill(w.confirmTitle, { action }), fill(w.consequence[answer.fix], names)].join('\n'), [
        confirm,
      ]);
    }
    case 'offer':
      return card(
        [heading(plain(fill(w.confirmTitle, { action }))), text(plain(fill(w.consequence[answer.fix], names)))],
        fill(w.confirmTitle, { action }),
        [execute(w.enableFirst, 'fix', data)],
      );
    case 'done': {
      const title = fill(w.doneTitle[answer.fix], names);
      const by = answer.byName ?? w.someone;
      const read = !fixDefinition(answer.fix).changes;
      const line = fill(answer.again ? w.doneBefore : read ? w.readBy : w.doneBy, { time: time(answer.at), by });
      const body: Element[] = [heading(plain(title)), subtle(plain(line))];
      if (answer.tap) {
        body.push({
          type: 'Container',
          style: 'emphasis',
          items: [
            text(w.tapLabel, { size: 'Small', weight: 'Bolder' }),
            // A TextRun is never read as markdown: the pass shows exactly as Graph made it (no escapes).
            {
              type: 'RichTextBlock',
              inlines: [
                { type: 'TextRun', text: answer.tap.code, fontType: 'Monospace', size: 'ExtraLarge', weight: 'Bolder' },
              ],
            },
            text(plain(fill(w.tapNote, { minutes: answer.tap.lifetimeInMinutes, first: names.first })), {
              size: 'Small',
            }),
          ],
        });
      }
      if (answer.devices) body.push(...devicesPart(answer.devices, names.first, language, timeZone));
      if (answer.whatIf) body.push(...whatIfPart(answer.whatIf, language));
      // The pass stays out of the notification text (fallbackText, speak): it is on the card only.
      return card(body, [title, line].join('\n'));
    }
    case 'in-progress':
      return card(
        [
          heading(plain(fill(w.doneTitle[answer.fix], names))),
          text(plain(fill(w.inProgress, { by: answer.byName ?? w.someone }))),
        ],
        fill(w.inProgress, { by: answer.byName ?? w.someone }),
      );
    case 'forbidden': {
      const said = fill(w.forbidden[answer.fix], { role: answer.roles[0] ?? '?' }) + w.forbiddenPim;
      return card([heading(w.forbiddenTitle), text(plain(said))], [w.forbiddenTitle, said].join('\n'));
    }
    case 'failed':
      return card([heading(w.failedTitle), text(w.failed)], [w.failedTitle, w.failed].join('\n'), [
        execute(wording(language).retry, 'fix', data),
      ]);
    case 'sign-in':
      return card([heading(w.signInTitle), text(w.signInText)], w.signInTitle, [
        execute(w.button[answer.fix], 'fix', data),
      ]);
  }
}

function devicesPart(
  devices: NonNullable<Extract<FixAnswer, { stage: 'done' }>['devices']>,
  first: string,
  language: Language,
  timeZone: string,
): Element[] {
  const w = wording(language).fixes;
  if (devices.length === 0) return [text(plain(fill(w.noDevices, { first })))];
  const lines = devices.map((d) =>
    fill(w.deviceLine, {
      name: d.name,
      os: d.operatingSystem ?? '?',
      state: d.complianceState,
      time: d.lastSync ? localDateTime(new Date(d.lastSync), timeZone, language) : '?',
    }),
  );
  return [text(plain(lines.map((l) => `- ${l}`).join('\n')))];
}

function whatIfPart(
  scenarios: NonNullable<Extract<FixAnswer, { stage: 'done' }>['whatIf']>,
  language: Language,
): Element[] {
  const w = wording(language).fixes;
  const controls = w.control as Record<string, string>;
  const headings = {
    asIs: w.whatIfAsIs,
    compliantDevice: w.whatIfCompliant,
    usualCountry: w.whatIfUsualCountry,
    homeCountry: w.whatIfHomeCountry,
    withMfa: w.whatIfWithMfa,
  };
  return scenarios.flatMap((s) => {
    // A compliant device (or MFA, which What If cannot model) is already there in its own scenario.
    const given = s.id === 'compliantDevice' ? 'compliantDevice' : s.id === 'withMfa' ? 'mfa' : null;
    // The verdict first: a policy that blocks decides; else the policy that still asks for a control.
    const blocking = s.policies.find((p) => p.controls.includes('block'));
    const asking = s.policies.filter((p) => p.controls.some((c) => c !== given));
    const said = (p: { name: string; controls: string[] }) =>
      fill(w.whatIfPolicy, {
        policy: p.name,
        controls: p.controls.length > 0 ? p.controls.map((c) => controls[c] ?? c).join(', ') : w.whatIfSessionOnly,
      });
    const verdict = blocking
      ? fill(w.whatIfBlockedBy, { policy: blocking.name, control: 'block' })
      : asking.length > 0
        ? fill(w.whatIfPassesIf, { decides: asking.map(said).join('; ') })
        : w.whatIfPasses;
    const lines = s.policies.map(said);
    return [
      text(fill(headings[s.id], { country: s.country ?? '?' }), { weight: 'Bolder', size: 'Small', spacing: 'Medium' }),
      ...(s.modelled === false
        ? [text(w.whatIfMfaNotModelled, { spacing: 'Small', size: 'Small', isSubtle: true })]
        : []),
      text(plain(verdict), { spacing: 'Small', color: blocking ? 'Attention' : 'Good' }),
      ...(lines.length > 0
        ? [text(plain(lines.map((l) => `- ${l}`).join('\n')), { spacing: 'Small', size: 'Small' })]
        : []),
    ];
  });
}

/** No Entra action for what was asked (unlocking), or asked about oneself: what exists instead. */
export function fixElsewhereCard(answer: FixElsewhereAnswer, language: Language): Card {
  const all = wording(language);
  const w = all.fixes;
  const self = answer.target === null;
  const title = answer.asked === 'unlock' ? w.noUnlockTitle : w.selfOnlyTitle;
  const said =
    answer.asked === 'unlock'
      ? fill(w.noUnlock, { who: self ? w.noUnlockYou : firstName(answer.target!.name) })
      : self
        ? w.selfOnly
        : w.notAvailable;
  const body: Element[] = [heading(title), text(plain(said))];
  const actions: Element[] = answer.offers.map((o) => execute(w.button[o.fix], 'fix', fixData(o, language)));
  // The reset page is the person's own to use: offered to them, and named to the helpdesk.
  for (const link of answer.selfService)
    actions.push({ type: 'Action.OpenUrl', title: all.selfService[link.id], url: link.url });
  if (actions.length > 0) body.push({ type: 'ActionSet', actions });
  else if (self && answer.asked === 'enableAccount') body.push(text(w.notAvailable));
  return card(body, [title, said].join('\n'));
}
