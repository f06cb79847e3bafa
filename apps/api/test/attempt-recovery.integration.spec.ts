import { defaultPolicy } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { ActivityService } from '../src/delivery/activity.service';
import { AttemptRecoveryService } from '../src/delivery/attempt-recovery.service';
import { VERIFY_CLIENT, VerifyClient } from '../src/delivery/verify.client';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(60_000);

const HOOK_BUDGET_MS = 2500;

/** Attempts a crash left PENDING, as the recovery sweep finds them after a restart. */
describe('recovery sweep for attempts a crash left PENDING', () => {
  const clock = new FakeClock(new Date('2026-05-01T09:00:00Z'));
  let connector: TestConnector;
  let activity: ActivityService;
  let recovery: AttemptRecoveryService;
  let tokenId: string;
  let phone = 100;

  beforeAll(async () => {
    connector = await startTestConnector({ clock });
    activity = connector.app.get(ActivityService);
    recovery = connector.app.get(AttemptRecoveryService);
    tokenId = (await connector.app.get(TokensService).create('recovery', defaultPolicy())).id;
  });

  afterAll(async () => {
    await connector?.stop();
  });

  async function claimPending(): Promise<string> {
    const digits = `447400555${phone++}`;
    const { attempt } = await activity.claim({
      tokenId,
      oktaEventId: `evt-crash-${digits}`,
      oktaUserId: '00uCRASH',
      oktaLogin: null,
      requestType: 'com.okta.user.telephony.pre-enrollment',
      channel: 'SMS',
      destinationMasked: '+44•••••••555',
      destinationHash: '0'.repeat(64),
      country: 'GB',
      otpExpiresAt: null,
      startedAt: clock.now(),
    });
    return attempt.id;
  }

  async function row(id: string): Promise<{ status: string; reason_code: string; verify_request_id: string | null }> {
    const [found] = await connector.app.get(DataSource).query('SELECT status, reason_code, verify_request_id FROM otp_activity WHERE id = $1', [id]);
    return found;
  }

  it('should fail a stale PENDING attempt as INTERRUPTED and cancel the Verify request its send journal names', async () => {
    const sent = await claimPending();
    const started = await connector.app.get<VerifyClient>(VERIFY_CLIENT).start({ to: '447400555999', code: '123456', channel: 'SMS', brand: 'Test' }, { timeoutMs: 2000 });
    if (started.kind !== 'started') throw new Error(`Verify did not start: ${started.kind}`);
    recovery.recordSent(sent, started.requestId);
    const neverSent = await claimPending();
    clock.advance(2 * HOOK_BUDGET_MS + 1000);
    const inFlight = await claimPending();

    await recovery.sweep();

    expect(await row(sent)).toEqual({ status: 'FAILED', reason_code: 'INTERRUPTED', verify_request_id: started.requestId });
    expect(connector.simulator!.cancels).toContain(started.requestId);
    expect(await row(neverSent)).toEqual({ status: 'FAILED', reason_code: 'INTERRUPTED', verify_request_id: null });
    expect(await row(inFlight)).toEqual({ status: 'PENDING', reason_code: 'DELIVERED', verify_request_id: null });
  });

  it('should cancel a request once, however often the sweep runs', async () => {
    const sent = await claimPending();
    const started = await connector.app.get<VerifyClient>(VERIFY_CLIENT).start({ to: '447400555998', code: '654321', channel: 'SMS', brand: 'Test' }, { timeoutMs: 2000 });
    if (started.kind !== 'started') throw new Error(`Verify did not start: ${started.kind}`);
    recovery.recordSent(sent, started.requestId);
    clock.advance(2 * HOOK_BUDGET_MS + 1000);

    await Promise.all([recovery.sweep(), recovery.sweep()]);
    await recovery.sweep();

    expect(connector.simulator!.cancels.filter((id) => id === started.requestId)).toHaveLength(1);
    expect(await row(sent)).toMatchObject({ status: 'FAILED', reason_code: 'INTERRUPTED', verify_request_id: started.requestId });
  });
});
