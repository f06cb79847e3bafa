import { readFileSync } from 'fs';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { AuditService, CLI_ACTOR } from '../admin/audit.service';
import { TokensService } from '../tokens/tokens.service';
import { TokenError } from '../tokens/token-errors';
import { CliArgs, stringFlag } from './cli-args';

export type Print = (text: string) => void;

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
export async function runTokenCommand(tokens: TokensService, args: CliArgs, print: Print, audit: AuditService): Promise<number> {
  const [, action, id] = args.positional;
  const json = args.flags.json === true;
  try {
    switch (action) {
      case 'create': {
        const created = await tokens.create(stringFlag(args, 'name'), readPolicyFile(stringFlag(args, 'policy-file')));
        await audit.tokenCreated(CLI_ACTOR, created);
        print(json ? createdJson(created) : describeCreated(created));
        return 0;
      }
      case 'list': {
        const list = await tokens.list();
        print(json ? JSON.stringify(list, null, 2) : list.map(describeToken).join('\n') || 'No tokens yet.');
        return 0;
      }
      case 'rotate': {
        if (!id) throw new Error('usage: token rotate ID');
        const created = await tokens.rotate(id);
        await audit.tokenRotated(CLI_ACTOR, created.token.rotatedFromId ?? id, created);
        print(json ? createdJson(created) : `${describeCreated(created)}\nThe old secret keeps working until ${(await tokens.get(id)).graceEndsAt}.`);
        return 0;
      }
      case 'update': {
        const file = stringFlag(args, 'policy-file');
        if (!id || !file) throw new Error('usage: token update ID --policy-file F');
        const { before, after } = await tokens.updatePolicy(id, readPolicyFile(file), null);
        await audit.tokenPolicyUpdated(CLI_ACTOR, before, after);
        print(json ? JSON.stringify(after, null, 2) : `Token ${after.shortId} policy updated to revision ${after.policyRevision}; the secret is unchanged.`);
        return 0;
      }
      case 'revoke': {
        if (!id) throw new Error('usage: token revoke ID');
        const revoked = await tokens.revoke(id);
        await audit.tokenRevoked(CLI_ACTOR, revoked);
        print(json ? JSON.stringify(revoked, null, 2) : `Token ${revoked.shortId} revoked; its secret is refused from now on.`);
        return 0;
      }
      default:
        throw new Error('usage: token create --name N [--policy-file F] [--json] | token list | token update ID --policy-file F | token rotate ID | token revoke ID');
    }
  } catch (error) {
    if (error instanceof TokenError) {
      const fields = error.fields?.map((f) => `  ${f.field}: ${f.message}`).join('\n');
      throw new Error(`${error.code}: ${error.message}${fields ? `\n${fields}` : ''}`);
    }
    throw error;
  }
}
