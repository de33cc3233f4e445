/**
 * Apps and managed identities asked about by name ("is backup-runner failing?", "waarom faalt
 * Payroll Sync?"): the parser cannot tell them from people, so the directory decides first, and a
 * name nobody in it has is looked for among the apps' and identities' own sign-ins. Readers only
 * (the access policy's 'workload' subject); with those kinds of sign-in not read, the answer says
 * which setting to turn on instead of coming back silently empty.
 */
import { workloadKinds } from '../signins/signInLog';
import type { Gatekeeper } from './access';
import { answerSignIns, type SignInAnswerDeps } from './signIns';
import type { Answer, Requester, ResolvedQuery } from './types';

/** After the directory found no one called `name`: that app's or identity's sign-ins, or the not-found answer. */
export async function workloadOrNotFound(
  deps: SignInAnswerDeps & { gate: Gatekeeper },
  requester: Requester,
  query: ResolvedQuery,
  name: string,
  notFound: Extract<Answer, { kind: 'not-found' }>,
): Promise<Answer> {
  const decision = await deps.gate.decide(requester, 'message', { kind: 'workload' });
  if (!decision.allow || decision.scope !== 'others') return notFound;
  if (workloadKinds(deps.config.graph.signInEventTypes).length === 0) return { ...notFound, workloadsOff: true };
  const answer = await answerSignIns(deps, requester, { ...query, userId: null, app: name, workload: true }, null);
  if ((answer.kind === 'summary' || answer.kind === 'count') && answer.diagnosis.recordCount === 0) return notFound;
  return answer;
}
