import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { FraudRefusalDto, ReportPeriod, SpendEstimateDto, TrustedEntryDto } from '@otc/contracts';
import { DEFAULT_CONVERSION_PERIOD, RECENT_FRAUD_DAYS, REPORT_PERIOD_MS } from '@otc/contracts';
import { AdminFraudService } from '../admin/admin-fraud.service';
import { CLI_ACTOR } from '../admin/audit.service';
import { FraudIdParamsDto, LiftRefusalBodyDto } from '../admin/dto/lift-refusal.dto';
import { TrustBodyDto } from '../admin/dto/trust.dto';
import type { ConversionByPlaceService } from '../dashboard/conversion-by-place.service';
import { ConversionByPlaceQueryDto } from '../dashboard/dto/fraud-query.dto';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { FraudTrustService } from '../fraud/fraud-trust.service';
import { SpendEstimatesService } from '../spend/spend-estimates.service';
import type { TokensService } from '../tokens/tokens.service';
import { CliArgs, stringFlag } from './cli-args';
import { describeConversionByPlace } from './conversion-report';
import { resolveTokenReference } from './token-reference';
import type { Print } from './token-commands';

export const FRAUD_USAGE = `  fraud refusals [--recent] [--token TOKEN] [--json]   (refusals in force, or of the last ${RECENT_FRAUD_DAYS} days)
  fraud lift ID --comment C [--json]
  fraud trust --kind NUMBER|BLOCK|USER --value V --comment C [--days 30] [--token TOKEN] [--json]
  fraud trusted [--json]
  fraud untrust ID
  fraud conversion [--token TOKEN] [--period 24h|7d|30d] [--json]   (conversion by country, channel and request type; default ${DEFAULT_CONVERSION_PERIOD})
  fraud spend [--token TOKEN] [--period 24h|7d|30d] [--json]   (estimated spend, spend avoided, month to date against the cap)`;

export interface FraudCommandServices {
  guard: FraudGuardService;
  trust: FraudTrustService;
  admin: AdminFraudService;
  conversion: ConversionByPlaceService;
  /**
   * The guard's counters are shared (Redis), so this process can read which countries are proven;
   * without Redis they live in the running connector's memory, and the report says it cannot tell.
   */
  countersShared: boolean;
  spend: SpendEstimatesService;
  tokens: TokensService;
}

/** The same checks, and field names, as the admin REST API's bodies. */
function checked<T extends object>(type: new () => T, plain: Record<string, unknown>): T {
  const body = plainToInstance(type, plain);
  const errors = validateSync(body, { whitelist: true, stopAtFirstError: true });
  if (errors.length > 0) throw new Error(errors.flatMap((e: ValidationError) => Object.values(e.constraints ?? {})).join('; '));
  return body;
}

function describeRefusal(r: FraudRefusalDto): string {
  const state = r.liftedAt ? `lifted ${r.liftedAt}` : `until ${r.until}`;
  return `${r.id}  ${r.scopeKind.padEnd(8)} ${r.scopeLabel.padEnd(16)} ${r.reasonCode.padEnd(28)} since ${r.since}  ${state}  stopped ${r.requestsStopped}  token ${r.tokenId}\n    ${r.evidence}`;
}

function describeTrusted(t: TrustedEntryDto): string {
  return `${t.id}  ${t.kind.padEnd(6)} ${t.label.padEnd(20)} ${t.tokenId ? `token ${t.tokenId}` : 'every token'}  until ${t.expiresAt}  by ${t.createdBy}: ${t.comment}`;
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

function describeSpend(e: SpendEstimateDto, period: string): string {
  const c = e.prices.currency;
  const lines = [
    `Estimated spend over ${period} (${e.from} to ${e.to}): ${money(e.spend, c)} sent, ${money(e.spendAvoided, c)} avoided by refusals`,
    `Prices: ${e.prices.file ?? 'shipped indicative table'}, ${c} as of ${e.prices.asOf} (${e.prices.source})`,
  ];
  if (e.monthToDate) {
    const m = e.monthToDate;
    const cap = m.monthlyCap === null ? 'no cap' : `cap ${money(m.monthlyCap, c)}${m.capReached ? ', REACHED: sends are refused (SPEND_CAP_REACHED)' : ''}`;
    lines.push(`Month to date (${m.month}, UTC): ${money(m.spend, c)}; ${cap}${m.alertAt === null ? '' : `; alert at ${money(m.alertAt, c)}`}`);
  }
  if (e.byToken.length > 0) lines.push('By token:', ...e.byToken.map((t) => `  ${(t.tokenShortId ?? t.tokenId).padEnd(10)} ${(t.tokenName ?? '').padEnd(24)} spend ${money(t.spend, c).padStart(14)}  avoided ${money(t.spendAvoided, c).padStart(14)}`));
  if (e.lines.length > 0) {
    lines.push('By country and channel:', ...e.lines.map((l) => `  ${(l.country ?? '??').padEnd(3)} ${l.channel.padEnd(6)} sent ${String(l.sent).padStart(6)}  refused ${String(l.refused).padStart(6)}  at ${l.unitPrice.toFixed(4)}  spend ${money(l.spend, c).padStart(14)}  avoided ${money(l.spendAvoided, c).padStart(14)}`));
  }
  return lines.join('\n');
}

function spendPeriod(args: CliArgs): ReportPeriod {
  const period = stringFlag(args, 'period') ?? '24h';
  if (!(period in REPORT_PERIOD_MS)) throw new Error(`--period must be one of ${Object.keys(REPORT_PERIOD_MS).join(', ')}`);
  return period as ReportPeriod;
}

/** Fraud operations from the command line; changes are audited with actor `cli`, as the API's are with the admin's. */
export async function runFraudCommand(services: FraudCommandServices, args: CliArgs, print: Print): Promise<number> {
  const [, action, id] = args.positional;
  const json = args.flags.json === true;
  const tokenFlag = stringFlag(args, 'token');
  const token = tokenFlag === undefined ? null : await resolveTokenReference(services.tokens, tokenFlag, '--token');
  switch (action) {
    case 'refusals': {
      const list = args.flags.recent === true ? await services.guard.recentRefusals(token, RECENT_FRAUD_DAYS) : await services.guard.listRefusals(token);
      print(json ? JSON.stringify(list, null, 2) : list.map(describeRefusal).join('\n') || 'Nothing is being refused.');
      return 0;
    }
    case 'lift': {
      if (!id) throw new Error('usage: fraud lift ID --comment C');
      const { comment } = checked(LiftRefusalBodyDto, { comment: stringFlag(args, 'comment') });
      const lifted = await services.admin.lift(CLI_ACTOR, checked(FraudIdParamsDto, { id }).id, comment);
      print(json ? JSON.stringify(lifted, null, 2) : `Lifted ${lifted.scopeLabel} (${lifted.reasonCode}); every instance delivers to it again within a second.`);
      return 0;
    }
    case 'trust': {
      const body = checked(TrustBodyDto, {
        kind: stringFlag(args, 'kind')?.toUpperCase(),
        value: stringFlag(args, 'value'),
        tokenId: token ?? undefined,
        comment: stringFlag(args, 'comment'),
        expiresInDays: Number(stringFlag(args, 'days') ?? 30),
      });
      const entry = await services.admin.trust(CLI_ACTOR, body);
      print(json ? JSON.stringify(entry, null, 2) : `Trusted ${describeTrusted(entry)}`);
      return 0;
    }
    case 'trusted': {
      const list = await services.trust.list();
      print(json ? JSON.stringify(list, null, 2) : list.map(describeTrusted).join('\n') || 'Nothing is trusted.');
      return 0;
    }
    case 'untrust': {
      if (!id) throw new Error('usage: fraud untrust ID');
      await services.admin.untrust(CLI_ACTOR, checked(FraudIdParamsDto, { id }).id);
      print(json ? JSON.stringify({ removed: id }) : `Removed ${id} from the trusted list.`);
      return 0;
    }
    case 'conversion': {
      const query = checked(ConversionByPlaceQueryDto, { period: stringFlag(args, 'period'), tokenId: token ?? undefined });
      const report = await services.conversion.conversionByPlace(query.period ?? DEFAULT_CONVERSION_PERIOD, query.tokenId ?? null, { readGuardCounters: services.countersShared });
      print(json ? JSON.stringify(report, null, 2) : describeConversionByPlace(report, services.countersShared));
      return 0;
    }
    case 'spend': {
      const period = spendPeriod(args);
      const to = new Date();
      const estimate = await services.spend.estimate(new Date(to.getTime() - REPORT_PERIOD_MS[period]), to, token);
      print(json ? JSON.stringify(estimate, null, 2) : describeSpend(estimate, period));
      return 0;
    }
    default:
      throw new Error(`usage:\n${FRAUD_USAGE}`);
  }
}
