/**
 * Demo mode believes what an activity says about its sender (there is no token to check), so it
 * holds every activity to what a local demo sends: askers are the demo tenant's own people, and
 * replies that would be posted to a channel go to this machine only. (The Agents Playground's
 * object ids are not well-formed GUIDs, so the list itself is the check, not the ids' shape.)
 */
import { isLoopbackUrl } from '../shared/loopback';
import { DEMO_PEOPLE, type DemoPerson } from './people';

/** The check for a tenant's people (the demo's own, or a bigger tenant's: the live incident, the bench). */
export function demoAskerPolicy(people: readonly DemoPerson[]): (activity: Record<string, unknown>) => string | null {
  const ids = new Set(people.map((p) => p.id.toLowerCase()));
  return (activity) => askerProblem(ids, activity);
}

/** Why demo mode refuses this activity, or null. */
export const demoAskerProblem = demoAskerPolicy(DEMO_PEOPLE);

function askerProblem(DEMO_IDS: ReadonlySet<string>, activity: Record<string, unknown>): string | null {
  const from = activity.from as { aadObjectId?: unknown } | undefined;
  if (
    typeof from?.aadObjectId === 'string' &&
    from.aadObjectId !== '' &&
    !DEMO_IDS.has(from.aadObjectId.toLowerCase())
  ) {
    return "demo mode answers only the demo tenant's people";
  }
  // An invoke is answered in the HTTP response, and so is a message sent with expectReplies; anything
  // else is answered by posting to serviceUrl.
  const answeredInResponse = activity.type === 'invoke' || activity.deliveryMode === 'expectReplies';
  if (!answeredInResponse && !isLoopbackUrl(typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '')) {
    return 'demo mode replies only to a channel on this machine (serviceUrl must be a loopback address)';
  }
  return null;
}
