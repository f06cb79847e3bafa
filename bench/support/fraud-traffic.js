'use strict';
// Attack and sign-in traffic for the fraud guard: the benchmark replays it against a live
// connector, the e2e tests import it. Deterministic (seeded), and every number is valid in
// libphonenumber's full metadata, so what is refused is refused by the guard, not the parser.

const { parsePhoneNumberFromString } = require('libphonenumber-js/max');

/** A small seeded generator (mulberry32): the same seed gives the same traffic. */
function seeded(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRE_ENROLLMENT = 'com.okta.user.telephony.pre-enrollment';
const MFA_VERIFICATION = 'com.okta.user.telephony.mfa-verification';

const digits = (random, count) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
const pad = (n, width) => String(n).padStart(width, '0');

// The simulator plays a scenario (failure, hang, network type) for some last four digits: 0xxx and 2xxx.
const playsScenario = (phoneNumber) => /[02]\d{3}$/.test(phoneNumber);

/** Random digits after a prefix until the number is valid and plays no simulator scenario. */
function randomNumber(random, prefix, count) {
  for (;;) {
    const number = `${prefix}${digits(random, count)}`;
    const parsed = parsePhoneNumberFromString(number);
    if (parsed && parsed.isValid() && !playsScenario(number)) return number;
  }
}

function assertValid(phoneNumber) {
  const parsed = parsePhoneNumberFromString(phoneNumber);
  if (!parsed || !parsed.isValid()) throw new Error(`generated an invalid number: ${phoneNumber}`);
  return phoneNumber;
}

/** A random public IPv4 address (documentation and private ranges avoided, so the guard counts it). */
function publicIp(random) {
  const first = [23, 31, 45, 62, 77, 81, 89, 94, 102, 109, 151, 176, 185, 195, 212][Math.floor(random() * 15)];
  return `${first}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
}

/** Mobile ranges of the countries real users sign in from: calling code + prefix, and digits after it. */
const LEGITIMATE_RANGES = [
  { country: 'GB', prefixes: ['+4474', '+4475', '+4477', '+4478', '+4479'], rest: 8 },
  { country: 'US', prefixes: ['+1415', '+1212', '+1312', '+1617', '+1206'], rest: 7, first: '2345678' },
  { country: 'DE', prefixes: ['+49151', '+49160', '+49170', '+49176'], rest: 8 },
  { country: 'FR', prefixes: ['+336', '+337'], rest: 8 },
  { country: 'ES', prefixes: ['+346'], rest: 8 },
  { country: 'IT', prefixes: ['+39347', '+39333', '+39320'], rest: 7 },
  { country: 'NL', prefixes: ['+316'], rest: 8 },
  { country: 'AU', prefixes: ['+614'], rest: 8 },
  { country: 'BR', prefixes: ['+55119', '+55219'], rest: 8 },
  { country: 'IN', prefixes: ['+9198', '+9199'], rest: 8 },
];

function legitimateNumber(random) {
  const range = LEGITIMATE_RANGES[Math.floor(random() * LEGITIMATE_RANGES.length)];
  const prefix = range.prefixes[Math.floor(random() * range.prefixes.length)];
  const lead = range.first ? range.first[Math.floor(random() * range.first.length)] : '';
  return randomNumber(random, `${prefix}${lead}`, range.rest - lead.length);
}

/**
 * Sign-ins of real users: each user keeps a number, an address and an Okta id; about 85 % type the
 * code (they convert), the rest give up; one in ten is an enrollment (a number typed in), the rest
 * verify an enrolled phone. By default each sign-in is another user, so that Verify's
 * one-open-request-per-number rule does not refuse a user whose previous code was never used.
 */
function legitimateSignIns({ count, users = count, seed = 1, conversionRate = 0.85 }) {
  const random = seeded(seed);
  const people = Array.from({ length: users }, (_, i) => ({
    userId: `00uLEGIT${pad(i, 8)}`,
    phoneNumber: legitimateNumber(random),
    ipAddress: publicIp(random),
  }));
  return Array.from({ length: count }, () => {
    const person = people[Math.floor(random() * people.length)];
    const requestType = random() < 0.1 ? PRE_ENROLLMENT : MFA_VERIFICATION;
    return { ...person, requestType, channel: random() < 0.1 ? 'VOICE' : 'SMS', converts: random() < conversionRate };
  });
}

/** 300 sequential numbers in one 1,000-number block of a high-cost destination (Uzbekistan), 50/s. */
function burstAttack({ count = 300, seed = 2, block = '+998901234' } = {}) {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    phoneNumber: assertValid(`${block}${pad(i % 1000, 3)}`),
    channel: 'SMS',
    requestType: PRE_ENROLLMENT,
    ipAddress: publicIp(random),
    userId: `00uBURST${pad(Math.floor(random() * 1e6), 6)}`,
  }));
}

/** 150 random numbers over four mobile prefixes of one country (Kyrgyzstan), about 7/s. */
function lowAndSlowAttack({ count = 150, seed = 3 } = {}) {
  const random = seeded(seed);
  const prefixes = ['+996555', '+996700', '+996770', '+996990'];
  return Array.from({ length: count }, () => ({
    phoneNumber: randomNumber(random, prefixes[Math.floor(random() * 4)], 6),
    channel: 'SMS',
    requestType: PRE_ENROLLMENT,
    ipAddress: publicIp(random),
    userId: `00uSLOW${pad(Math.floor(random() * 1e6), 6)}`,
  }));
}

/** 100 voice calls to 10 numbers of one block (Latvian mobiles: international revenue share). */
function voiceAttack({ count = 100, seed = 4 } = {}) {
  const random = seeded(seed);
  const targets = Array.from({ length: 10 }, (_, i) => assertValid(`+37126123${pad(i * 97, 3)}`));
  return Array.from({ length: count }, (_, i) => ({
    phoneNumber: targets[i % 10],
    channel: 'VOICE',
    requestType: PRE_ENROLLMENT,
    ipAddress: publicIp(random),
    userId: `00uVOICE${pad(Math.floor(random() * 1e6), 6)}`,
  }));
}

/** Rotating addresses, users and countries: random mobiles over eight high-cost destinations. */
function distributedAttack({ count = 200, seed = 5 } = {}) {
  const random = seeded(seed);
  const ranges = [
    ['+99290', 7], ['+26097', 7], ['+23480', 8], ['+88017', 8], ['+25078', 7], ['+22670', 6], ['+99365', 6], ['+96479', 8],
  ];
  return Array.from({ length: count }, (_, i) => {
    const [prefix, rest] = ranges[i % ranges.length];
    return { phoneNumber: randomNumber(random, prefix, rest), channel: 'SMS', requestType: PRE_ENROLLMENT, ipAddress: publicIp(random), userId: `00uDIST${pad(i, 6)}` };
  });
}

/** The four attacks with the rate each is sent at. */
function attacks() {
  return [
    { name: 'burst (1,000-block, 50/s)', perSecond: 50, requests: burstAttack() },
    { name: 'low and slow (4 prefixes, 7/s)', perSecond: 7, requests: lowAndSlowAttack() },
    { name: 'voice (10 numbers of a block)', perSecond: 5, requests: voiceAttack() },
    { name: 'distributed (IPs, users, countries)', perSecond: 10, requests: distributedAttack() },
  ];
}

/**
 * An Okta telephony hook call for one send. Pumping goes through enrollment, where the attacker
 * types the numbers in: attack traffic is pre-enrollment, as is a request that names no type.
 */
function telephonyBody({ eventId, phoneNumber, channel, ipAddress, userId, otpCode, requestType = PRE_ENROLLMENT }) {
  return {
    eventId,
    eventTime: new Date().toISOString(),
    eventType: 'com.okta.telephony.provider',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    requestType,
    data: {
      context: { request: { id: `req-${eventId}`, method: 'POST', url: { value: '/idp/idx/challenge' }, ipAddress } },
      userProfile: { firstName: 'Bench', lastName: 'User', login: `${userId}@example.com`, userId },
      messageProfile: {
        msgTemplate: 'Your code is ${code}',
        phoneNumber,
        otpExpires: new Date(Date.now() + 5 * 60_000).toISOString(),
        deliveryChannel: channel === 'VOICE' ? 'Voice Call' : 'SMS',
        otpCode,
        locale: 'EN-US',
      },
    },
  };
}

/** Okta's event hook delivery saying the user signed in with the code (auth_via_mfa). */
function signInEventBody({ eventId, userId, channel, published = new Date() }) {
  return {
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    cloudEventsVersion: '0.1',
    source: 'https://example.okta.com/api/v1/eventHooks/bench',
    eventId,
    eventTime: new Date().toISOString(),
    contentType: 'application/json',
    data: {
      events: [
        {
          uuid: eventId,
          published: published.toISOString(),
          eventType: 'user.authentication.auth_via_mfa',
          version: '0',
          severity: 'INFO',
          actor: { id: userId, type: 'User', alternateId: `${userId}@example.com`, displayName: 'Bench User' },
          outcome: { result: 'SUCCESS', reason: null },
          target: [{ id: `enr-${userId}`, type: 'AuthenticatorEnrollment', detailEntry: { methodTypeUsed: channel === 'VOICE' ? 'VOICE' : 'SMS' } }],
          debugContext: { debugData: { factor: channel === 'VOICE' ? 'CALL_FACTOR' : 'SMS_FACTOR' } },
        },
      ],
    },
  };
}

module.exports = { attacks, burstAttack, distributedAttack, legitimateSignIns, lowAndSlowAttack, signInEventBody, telephonyBody, voiceAttack, seeded };
