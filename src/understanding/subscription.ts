/**
 * "notify this channel about sign-in incidents", "meld storingen in dit kanaal", "stop notifying",
 * "stop met melden": asking for incident alerts or stopping them. Stopping needs only its phrase;
 * asking needs an alert verb and what the alerts are about, so that "tell me about alice's failures"
 * stays a question.
 */
import { wordsRegex } from './phrases';
import { merged } from './words';

const SUBSCRIBE = wordsRegex(merged((w) => w.intent.subscribe));
const UNSUBSCRIBE = wordsRegex(merged((w) => w.intent.unsubscribe));
const TOPIC = wordsRegex(merged((w) => w.intent.incidentTopic));

/** The subscription intent of a lower-cased message, or null. */
export function subscriptionIntent(lower: string): 'subscribe' | 'unsubscribe' | null {
  if (UNSUBSCRIBE.test(lower)) return 'unsubscribe';
  if (SUBSCRIBE.test(lower) && TOPIC.test(lower)) return 'subscribe';
  return null;
}
