import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_NAME_MAX_LENGTH } from '@otc/contracts';
import type { CreateTokenRequest, TokenPolicy } from '@otc/contracts';
import { IsObject, IsOptional, IsString } from 'class-validator';

export class CreateTokenBodyDto implements CreateTokenRequest {
  // The length rule (trimmed, 1 to TOKEN_NAME_MAX_LENGTH) is TokensService's, shared with the CLI and the admin app.
  @ApiProperty({ minLength: 1, maxLength: TOKEN_NAME_MAX_LENGTH })
  @IsString()
  name!: string;

  // Checked field by field by parsePolicy in TokensService, which names the offending field.
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Token policy; missing fields take the defaults' })
  @IsOptional()
  @IsObject()
  policy?: Partial<TokenPolicy>;
}
