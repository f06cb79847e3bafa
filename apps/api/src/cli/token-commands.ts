import { readFileSync } from 'fs';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { AdminTokensService } from '../admin/admin-tokens.service';
import { CLI_ACTOR } from '../admin/audit.service';
import { TokenError } from '../tokens/token-errors';
import type { TokensService } from '../tokens/tokens.service';
import { CliArgs, stringFlag } from './cli-args';
import { resolveTokenReference } from './token-reference';

export type Print = (text: string) => void;

export interface TokenCommandServices {
  admin: AdminTokensService;
  tokens: TokensService;
}

export const TOKEN_USAGE = `  token create --name NAME [--policy-file policy.json] [--json]
  token list [--json]
  token update TOKEN --policy-file F [--json]   edit the policy in place (same secret)
  token rotate TOKEN [--json]
  token revoke TOKEN [--json]`;

function readPolicyFile(path: string | undefined): unknown {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--policy-file ${path}: ${(error as Error).message}`);
  }
}

function describeCreated(created: TokenCreatedDto): string {
  return [
    `Token ${created.token.name} (${created.token.shortId}) created. The secret is shown only once:`,
    `  Telephony Webhook URL: ${created.telephonyWebhookUrl}`,
    `  Event Webhook URL:     ${created.eventWebhookUrl}`,
    `  Auth Header Name:      ${created.authHeaderName}`,
    `  Token Secret:          ${created.tokenSecret}`,
  ].join('\n');
}

function describeToken(t: TokenDto): string {
  return `${t.id}  ${t.shortId}  ${t.status.padEnd(12)}  ${t.name}  created ${t.createdAt}  expires ${t.expiresAt ?? 'never'}  last used ${t.lastUsedAt ?? '-'}`;
}

function createdJson(created: TokenCreatedDto): string {
  const { id, telephonyWebhookUrl, eventWebhookUrl, authHeaderName, tokenSecret } = created;
  return JSON.stringify({ id, telephonyWebhookUrl, eventWebhookUrl, authHeaderName, tokenSecret }, null, 2);
}

/** Changes are recorded in the same audit trail as the admin API's, with actor `cli`. */
export async function runTokenCommand({ admin, tokens }: TokenCommandServices, args: CliArgs, print: Print): Promise<number> {
  const [, action, reference] = args.positional;
  const json = args.flags.json === true;
  const tokenId = async (usage: string) => {
    if (!reference) throw new Error(`usage: ${usage}`);
    return resolveTokenReference(tokens, reference, 'TOKEN');
  };
  try {
    switch (action) {
      case 'create': {
        const created = await admin.create(CLI_ACTOR, stringFlag(args, 'name'), readPolicyFile(stringFlag(args, 'policy-file')));
        print(json ? createdJson(created) : describeCreated(created));
        return 0;
      }
      case 'list': {
        const list = await admin.list();
        print(json ? JSON.stringify(list, null, 2) : list.map(describeToken).join('\n') || 'No tokens yet.');
        return 0;
      }
      case 'rotate': {
        const id = await tokenId('token rotate TOKEN');
        const created = await admin.rotate(CLI_ACTOR, id);
        print(json ? createdJson(created) : `${describeCreated(created)}\nThe old secret keeps working until ${(await admin.get(id)).graceEndsAt}.`);
        return 0;
      }
      case 'update': {
        const file = stringFlag(args, 'policy-file');
        if (!file) throw new Error('usage: token update TOKEN --policy-file F');
        const after = await admin.updatePolicy(CLI_ACTOR, await tokenId('token update TOKEN --policy-file F'), readPolicyFile(file), null);
        print(json ? JSON.stringify(after, null, 2) : `Token ${after.shortId} policy updated to revision ${after.policyRevision}; the secret is unchanged.`);
        return 0;
      }
      case 'revoke': {
        const revoked = await admin.revoke(CLI_ACTOR, await tokenId('token revoke TOKEN'));
        print(json ? JSON.stringify(revoked, null, 2) : `Token ${revoked.shortId} revoked; its secret is refused from now on.`);
        return 0;
      }
      default:
        throw new Error(`usage:\n${TOKEN_USAGE}`);
    }
  } catch (error) {
    if (error instanceof TokenError) {
      const fields = error.fields?.map((f) => `  ${f.field}: ${f.message}`).join('\n');
      throw new Error(`${error.code}: ${error.message}${fields ? `\n${fields}` : ''}`);
    }
    throw error;
  }
}
