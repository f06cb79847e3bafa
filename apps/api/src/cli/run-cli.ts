import { loadConfig } from '../config/load-config';
import { AuditService } from '../admin/audit.service';
import { TokensService } from '../tokens/tokens.service';
import { parseCliArgs } from './cli-args';
import { openCliContext } from './cli-context';
import { runOktaPreview } from './okta-preview';
import { Print, runTokenCommand } from './token-commands';

const USAGE = `usage:
  token create --name NAME [--policy-file policy.json] [--json]
  token list [--json]
  token update ID --policy-file F [--json]   edit the policy in place (same secret)
  token rotate ID [--json]
  token revoke ID [--json]
  okta preview --phone +447700900123 [--channel sms|voice] [--token-secret S] [--url URL]
  db migrate`;

export async function runCli(argv: string[], print: Print = (t) => process.stdout.write(`${t}\n`)): Promise<number> {
  const args = parseCliArgs(argv);
  const [group] = args.positional;
  const config = loadConfig();
  if (group === 'okta' && args.positional[1] === 'preview') return runOktaPreview(args, `http://127.0.0.1:${config.port}`, print);
  if (group !== 'token' && group !== 'db') {
    print(USAGE);
    return group ? 2 : 0;
  }
  const { context, close } = await openCliContext(config);
  try {
    if (group === 'db') {
      print('Database migrated.');
      return 0;
    }
    return await runTokenCommand(context.get(TokensService), args, print, context.get(AuditService));
  } finally {
    await close();
  }
}
