import { loadConfig } from '../config/load-config';
import { AdminTokensService } from '../admin/admin-tokens.service';
import { DataSource } from 'typeorm';
import { CliArgs, parseCliArgs, stringFlag } from './cli-args';
import { generateMigration, resetDatabase } from './db-commands';
import { openCliContext } from './cli-context';
import { runOktaPreview } from './okta-preview';
import { FRAUD_USAGE, runFraudCommand } from './fraud-commands';
import { Print, runTokenCommand, TOKEN_USAGE } from './token-commands';
import { AdminFraudService } from '../admin/admin-fraud.service';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { FraudTrustService } from '../fraud/fraud-trust.service';
import { ConversionByPlaceService } from '../dashboard/conversion-by-place.service';
import { SpendEstimatesService } from '../spend/spend-estimates.service';
import { TokensService } from '../tokens/tokens.service';

const USAGE = `usage:
${TOKEN_USAGE}
${FRAUD_USAGE}
  okta preview --phone +447700900123 [--channel sms|voice] [--token-secret S] [--url URL]
  db migrate
  db reset --yes                      (drops every table, then migrates)
  db generate-migration --name Name   (writes what the entities need beyond the schema, for review)
TOKEN is a token's id or its short id, both as \`token list\` prints them.`;

export async function runCli(argv: string[], print: Print = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const args = parseCliArgs(argv);
  const [group] = args.positional;
  const config = loadConfig();
  if (group === 'okta' && args.positional[1] === 'preview') return runOktaPreview(args, `http://127.0.0.1:${config.port}`, print);
  if (group !== 'token' && group !== 'db' && group !== 'fraud') {
    print(USAGE);
    return group ? 2 : 0;
  }
  const { context, close } = await openCliContext(config);
  try {
    if (group === 'db') return await runDbCommand(context.get(DataSource), args, print);
    if (group === 'fraud') {
      const services = {
        guard: context.get(FraudGuardService),
        trust: context.get(FraudTrustService),
        admin: context.get(AdminFraudService),
        spend: context.get(SpendEstimatesService),
        conversion: context.get(ConversionByPlaceService),
        tokens: context.get(TokensService),
        countersShared: config.redisUrl !== null,
      };
      return await runFraudCommand(services, args, print);
    }
    return await runTokenCommand({ admin: context.get(AdminTokensService), tokens: context.get(TokensService) }, args, print);
  } finally {
    await close();
  }
}

async function runDbCommand(dataSource: DataSource, args: CliArgs, print: Print): Promise<number> {
  const command = args.positional[1] ?? 'migrate';
  if (command === 'migrate') {
    print('Database migrated.');
    return 0;
  }
  if (command === 'reset') {
    if (args.flags.yes !== true) {
      print('db reset drops every table: run it again with --yes');
      return 2;
    }
    await resetDatabase(dataSource);
    print('Database reset and migrated.');
    return 0;
  }
  if (command === 'generate-migration') {
    const file = await generateMigration(dataSource, stringFlag(args, 'name') ?? '');
    print(file ? `Wrote ${file}` : 'The entities match the migrated schema: nothing to generate.');
    return 0;
  }
  print(USAGE);
  return 2;
}
