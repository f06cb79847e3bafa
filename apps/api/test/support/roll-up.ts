import type { ActivityRollupRepository } from '../../src/delivery/activity-rollup.repository';

/**
 * Runs the rollup until it has nothing left to fold, as the worker's next runs would: each run stops
 * after its time budget, and a loaded machine can spend it before a long history is folded.
 */
export async function rollUpAll(rollup: ActivityRollupRepository, now: Date): Promise<Date | null> {
  let until = await rollup.rollUp(now);
  for (let run = 0; run < 20; run++) {
    const next = await rollup.rollUp(now);
    if (next?.getTime() === until?.getTime()) break;
    until = next;
  }
  return until;
}
