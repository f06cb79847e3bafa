import type { Channel } from '@otc/contracts';

export const SEND_METER = Symbol('SEND_METER');

/**
 * Port to the spend module (plugged in by the composition root; delivery cannot import it): a
 * message or call went out that the hook did not count itself, i.e. a voice fallback.
 */
export interface SendMeter {
  sent(send: { tokenId: string; country: string | null; channel: Channel }): void;
}
