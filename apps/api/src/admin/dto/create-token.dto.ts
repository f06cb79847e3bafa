import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateTokenRequest, TokenPolicy } from '@otc/contracts';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';

export class CreateTokenBodyDto implements CreateTokenRequest {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  // Checked field by field by parsePolicy in TokensService, which names the offending field.
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Token policy; missing fields take the defaults' })
  @IsOptional()
  @IsObject()
  policy?: Partial<TokenPolicy>;
}
