'use strict';
// Okta Event Hook deliveries as the benchmarks send them: built from the recorded fixtures, about
// 1.9 kB per event, so a delivery of 100 is about 190 kB like Okta's.

const { randomUUID } = require('crypto');
const { readFileSync } = require('fs');
const { join } = require('path');

const fixtures = join(__dirname, '../../apps/api/test/fixtures/okta');
const SESSION = JSON.parse(readFileSync(join(fixtures, 'event-hook-delivery-user.session.start.okta-concepts-current.json'), 'utf8'));
const MFA = JSON.parse(readFileSync(join(fixtures, 'event-hook-delivery-auth_via_mfa.sms.built-from-okta-md.json'), 'utf8'));

const EVENTS_PER_DELIVERY = 100;
// One event in ten is an SMS sign-in that uses a code the connector sent (the rest: session starts).
const SIGN_INS_PER_DELIVERY = 10;

/** The Okta user id of the n-th send of a run. */
const userOf = (run, n) => `00u${run}${String(n).padStart(8, '0')}`.slice(0, 20);

/** Delivery d of a run, as JSON text: 90 session starts and 10 SMS sign-ins of the users sent codes d*10 .. d*10+9. */
function oktaDelivery(run, d) {
  const events = [];
  for (let i = 0; i < EVENTS_PER_DELIVERY; i++) {
    const signIn = i < SIGN_INS_PER_DELIVERY;
    const template = signIn ? MFA.data.events[0] : SESSION.data.events[0];
    const user = signIn ? userOf(run, d * SIGN_INS_PER_DELIVERY + i) : `00x${run}-${d}-${i}`;
    events.push({ ...template, uuid: randomUUID(), published: new Date().toISOString(), actor: { ...template.actor, id: user } });
  }
  return JSON.stringify({ ...SESSION, eventId: randomUUID(), data: { events } });
}

module.exports = { EVENTS_PER_DELIVERY, SIGN_INS_PER_DELIVERY, oktaDelivery, userOf };
