/** Legacy protocols (IMAP4, POP3, …): clients that cannot do modern authentication or MFA. */
import { base, type Detector } from './types';

export const legacyProtocol: Detector = {
  kind: 'legacyProtocol',
  scope: 'any',
  detect({ failures }) {
    const legacy = failures.filter((f) => f.legacyClient);
    if (legacy.length === 0) return [];
    return [
      {
        kind: 'legacyProtocol',
        ...base(legacy[0], legacy),
        clients: [...new Set(legacy.map((f) => f.legacyClient!))],
        count: legacy.length,
      },
    ];
  },
};
