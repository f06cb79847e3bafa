import { ApiProperty } from '@nestjs/swagger';
import { LIFT_COMMENT_MAX_LENGTH, UUID_PATTERN } from '@otc/contracts';
import type { LiftRefusalRequest } from '@otc/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class LiftRefusalBodyDto implements LiftRefusalRequest {
  @ApiProperty({ description: 'Why the refusal is lifted; kept in the audit trail', maxLength: LIFT_COMMENT_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment must be a string' })
  @MaxLength(LIFT_COMMENT_MAX_LENGTH, { message: `comment must be at most ${LIFT_COMMENT_MAX_LENGTH} characters` })
  @IsNotEmpty({ message: 'comment is required: say why the refusal is lifted' })
  comment!: string;
}

/** A refusal's or a trusted entry's id in the path. */
export class FraudIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Matches(UUID_PATTERN, { message: 'id must be a UUID' })
  id!: string;
}
