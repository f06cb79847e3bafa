import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_TRUST_DAYS, TRUST_COMMENT_MAX_LENGTH, TRUSTED_KINDS, UUID_PATTERN } from '@otc/contracts';
import type { TrustedKind, TrustRefusalRequest, TrustRequest } from '@otc/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const trimmed = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class TrustRefusalBodyDto implements TrustRefusalRequest {
  @ApiProperty({ description: 'Why it is trusted; kept with the entry and in the audit trail', maxLength: TRUST_COMMENT_MAX_LENGTH })
  @trimmed
  @IsString({ message: 'comment must be a string' })
  @MaxLength(TRUST_COMMENT_MAX_LENGTH, { message: `comment must be at most ${TRUST_COMMENT_MAX_LENGTH} characters` })
  @IsNotEmpty({ message: 'comment is required: say why it is trusted' })
  comment!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TRUST_DAYS, description: 'The entry expires after this many days' })
  @IsInt({ message: `expiresInDays must be a whole number of days from 1 to ${MAX_TRUST_DAYS}` })
  @Min(1, { message: `expiresInDays must be a whole number of days from 1 to ${MAX_TRUST_DAYS}` })
  @Max(MAX_TRUST_DAYS, { message: `expiresInDays must be a whole number of days from 1 to ${MAX_TRUST_DAYS}` })
  expiresInDays!: number;
}

export class TrustBodyDto extends TrustRefusalBodyDto implements TrustRequest {
  @ApiProperty({ enum: TRUSTED_KINDS })
  @IsIn(TRUSTED_KINDS as unknown as string[], { message: `kind must be one of ${TRUSTED_KINDS.join(', ')}` })
  kind!: TrustedKind;

  @ApiProperty({ description: '+447400123456 (NUMBER), +4474001234 or +4474001234xx (BLOCK), an Okta user id (USER)' })
  @IsString({ message: 'value must be a string' })
  @MaxLength(100, { message: 'value must be at most 100 characters' })
  value!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this token; every token when absent' })
  @IsOptional()
  @IsString()
  @Matches(UUID_PATTERN, { message: 'tokenId must be a UUID' })
  tokenId?: string;
}
